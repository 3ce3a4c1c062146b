//! The plans: what the model's waiters, resources and paginators mean in
//! terms of the generated types, worked out before anything is rendered.
//! Every model error they can have is found here, named by its place.

use std::collections::BTreeMap;

use crate::ir::ResourceModel;
use crate::ir::ShapeId;
use crate::passes::constraints::ConstraintPlan;
use crate::passes::paginators::PaginatorPlan;
use crate::passes::resources::ResourcePlan;
use crate::passes::waiters::WaiterPlan;
use crate::render::Ctx;
use crate::Result;

/// The plans of one crate, read by render (through [`Ctx::plans`]).
#[derive(Debug, Clone, Default)]
pub struct Plans {
    /// The paginators, by operation id.
    pub paginators: BTreeMap<ShapeId, PaginatorPlan>,
    /// The waiters, in operation and waiter order.
    pub waiters: Vec<WaiterPlan>,
    /// The configured resources, in configuration order.
    pub resources: Vec<ResourcePlan>,
    /// The constraint checks of the inputs.
    pub constraints: ConstraintPlan,
}

/// Plans the crate of `ctx`'s model, with the resources `resources` of
/// the resource model. `ctx.plans` is not read.
pub fn plan(ctx: &Ctx<'_>, model: &ResourceModel, resources: &[String]) -> Result<Plans> {
    Ok(Plans {
        paginators: crate::passes::paginators::plan(ctx)?,
        waiters: crate::passes::waiters::plan(ctx)?,
        resources: crate::passes::resources::plan(ctx, model, resources)?,
        constraints: crate::passes::constraints::plan(ctx.model, ctx.names)?,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::ir::Model;
    use crate::render::Ctx;
    use crate::{passes, Result, SourceFile};

    /// A small model: `DescribeThings` (paginated, with a waiter whose first
    /// acceptor's path is `path`) listing `Thing`s, and `TagThing`.
    pub fn model(path: &str, items: &str) -> Model {
        let text = MODEL
            .replace("$PATH", &path.replace('"', "\\\""))
            .replace("$ITEMS", items);
        crate::load_smithy(SourceFile {
            name: "things.json",
            text: &text,
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The model with a valid waiter and the paginator's items `items`.
    pub fn model_with_paginator(items: &str) -> Model {
        model("Things[].State", items)
    }

    /// Runs `f` on the context of `model`, with the passes run that the
    /// plans need.
    pub fn ctx_of<T>(model: &Model, f: impl FnOnce(&Ctx<'_>) -> Result<T>) -> Result<T> {
        let ctx = Ctx {
            names: &passes::naming::assign(model)?,
            boxed: &passes::boxing::boxed_members(model),
            model,
            plans: Default::default(),
        };
        f(&ctx)
    }

    const MODEL: &str = r##"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": {
      "type": "service", "version": "2020-01-01",
      "operations": [{"target": "ex#DescribeThings"}, {"target": "ex#TagThing"}],
      "traits": {"aws.protocols#ec2Query": {}}
    },
    "ex#DescribeThings": {
      "type": "operation",
      "input": {"target": "ex#DescribeThingsIn"}, "output": {"target": "ex#DescribeThingsOut"},
      "traits": {
        "smithy.api#paginated": {"inputToken": "NextToken", "outputToken": "NextToken", "items": "$ITEMS", "pageSize": "MaxResults"},
        "smithy.waiters#waitable": {
          "ThingReady": {
            "minDelay": 15,
            "acceptors": [
              {"state": "success", "matcher": {"output": {"path": "$PATH", "expected": "ready", "comparator": "allStringEquals"}}},
              {"state": "retry", "matcher": {"errorType": "ThingNotFound"}}
            ]
          }
        }
      }
    },
    "ex#DescribeThingsIn": {
      "type": "structure",
      "members": {
        "ThingIds": {"target": "ex#Ids"},
        "NextToken": {"target": "smithy.api#String"},
        "MaxResults": {"target": "smithy.api#Integer"}
      }
    },
    "ex#DescribeThingsOut": {
      "type": "structure",
      "members": {
        "Things": {"target": "ex#Things"},
        "NextToken": {"target": "smithy.api#String"}
      }
    },
    "ex#Ids": {"type": "list", "member": {"target": "smithy.api#String"}},
    "ex#Things": {"type": "list", "member": {"target": "ex#Thing"}},
    "ex#Thing": {
      "type": "structure",
      "members": {
        "ThingId": {"target": "smithy.api#String"},
        "State": {"target": "smithy.api#String"},
        "Size": {"target": "smithy.api#Integer"}
      }
    },
    "ex#TagThing": {
      "type": "operation",
      "input": {"target": "ex#TagThingIn"}, "output": {"target": "smithy.api#Unit"}
    },
    "ex#TagThingIn": {
      "type": "structure",
      "members": {
        "Resources": {"target": "ex#Ids", "traits": {"smithy.api#required": {}}},
        "Key": {"target": "smithy.api#String"}
      }
    }
  }
}"##;
}
