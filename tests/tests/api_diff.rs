//! The API change report on a real model update: botocore 1.40.0 to 1.44.5
//! of EC2, for the image operations (checked against facts read by hand
//! in the two models, and snapshotted) and for the whole model (timed).

use std::path::Path;
use std::time::Instant;

use codegen::diff::{diff, ChangeKind, Class, Report};
use codegen::ir::Model;

fn load(dir: &Path) -> Model {
    xtask::models::load_botocore_dir(dir).unwrap_or_else(|e| panic!("{e}"))
}

fn models(reference: &Path) -> (Model, Model) {
    (
        load(&reference.join("botocore-1.40.0/ec2")),
        load(&reference.join("botocore-1.44.5/ec2")),
    )
}

fn image_closure(model: &Model) -> Model {
    let ops: Vec<String> = tests::IMAGE_OPERATIONS
        .iter()
        .map(|s| s.to_string())
        .collect();
    codegen::passes::closure::slice(model, &ops).unwrap_or_else(|e| panic!("{e}"))
}

/// The changes to `Shape` or `Shape.member`, as (class, description).
fn changes_of(report: &Report, subject: &str) -> Vec<(Class, String)> {
    report
        .changes
        .iter()
        .filter(|c| c.subject.to_string() == subject)
        .map(|c| (c.class, c.kind.to_string()))
        .collect()
}

fn counts(report: &Report) -> [usize; 3] {
    Class::ALL.map(|class| report.count(class))
}

#[test]
fn image_operations_from_botocore_1_40_0_to_1_44_5() {
    let Some(reference) = tests::reference::dir(module_path!()) else {
        return;
    };
    let (old, new) = models(&reference);
    let report = diff(&image_closure(&old), &image_closure(&new))
        .with_labels("botocore-1.40.0", "botocore-1.44.5");
    let compatible = |what: &str| vec![(Class::Compatible, what.to_string())];

    // Facts read in the two service-2.json files by hand.
    // `Image` has 37 members in 1.40.0 and 41 in 1.44.5: these four are new,
    // all optional, read from responses only.
    for (member, ty) in [
        ("PublicSsmParameterName", "`string`"),
        ("ImageWatermarks", "`list<ImageWatermark>`"),
        ("ScanResults", "`ScanResults`"),
        ("InstanceTypeSpecification", "`InstanceTypeSpecification`"),
    ] {
        let subject = format!("Image.{member}");
        assert_eq!(
            changes_of(&report, &subject),
            compatible(&format!("member added (optional, {ty})")),
            "{subject}"
        );
    }
    // `EbsBlockDevice` (sent in RegisterImage, read in DescribeImages) gains
    // `EbsCardIndex`; `CopyImageRequest` gains two Local Zone members.
    assert_eq!(
        changes_of(&report, "EbsBlockDevice.EbsCardIndex"),
        compatible("member added (optional, `integer`)")
    );
    let added = report
        .changes
        .iter()
        .find(|c| c.subject.to_string() == "EbsBlockDevice.EbsCardIndex")
        .and_then(|c| c.usage)
        .expect("EbsCardIndex usage");
    assert!(added.input && added.output);
    for member in [
        "DestinationAvailabilityZone",
        "DestinationAvailabilityZoneId",
    ] {
        assert_eq!(
            changes_of(&report, &format!("CopyImageRequest.{member}")),
            compatible("member added (optional, `string`)")
        );
    }
    // `RegisterImageRequest.UefiData` moved from `StringType` (removed from
    // the model) to `ImageUefiDataRequest`: both plain strings.
    assert_eq!(
        changes_of(&report, "RegisterImageRequest.UefiData"),
        compatible("target changed from `StringType` to `ImageUefiDataRequest` (both `string`)")
    );
    assert_eq!(
        changes_of(&report, "StringType"),
        compatible("string removed")
    );
    // `ResourceType` has 96 values in 1.40.0 and 114 in 1.44.5, none removed.
    let values: Vec<_> = report
        .changes
        .iter()
        .filter(|c| c.subject.to_string() == "ResourceType")
        .map(|c| (&c.kind, c.class))
        .collect();
    assert_eq!(values.len(), 18);
    assert!(values
        .iter()
        .all(|(k, c)| matches!(k, ChangeKind::EnumValueAdded(_)) && *c == Class::Compatible));
    assert!(values.contains(&(
        &ChangeKind::EnumValueAdded("image-usage-report".into()),
        Class::Compatible
    )));
    // 74 shapes in the old closure, 86 in the new: 13 added, 1 removed; the
    // same 8 operations; the DescribeImages paginator and the ImageAvailable
    // / ImageExists waiters are identical in both releases.
    assert_eq!(
        (report.old_counts.shapes, report.new_counts.shapes),
        (74, 86)
    );
    assert_eq!(report.count_code("shape_added"), 13);
    assert_eq!(report.count_code("shape_removed"), 1);
    assert_eq!(
        report.count_code("operation_added") + report.count_code("operation_removed"),
        0
    );
    assert!(report
        .changes
        .iter()
        .all(|c| !c.kind.code().starts_with("paginator") && !c.kind.code().starts_with("waiter")));
    // Only CopyImage's own documentation changed among the operations.
    assert_eq!(
        changes_of(&report, "CopyImage"),
        vec![(Class::Docs, "documentation changed".to_string())]
    );
    // Nothing in the image API breaks in this update.
    assert_eq!(counts(&report), [0, 45, 14]);
    assert!(!report.has_breaking());

    insta::assert_snapshot!("image_operations_markdown", report.to_markdown());
}

#[test]
fn whole_ec2_model_from_botocore_1_40_0_to_1_44_5() {
    let Some(reference) = tests::reference::dir(module_path!()) else {
        return;
    };
    let (old, new) = models(&reference);
    let start = Instant::now();
    let report = diff(&old, &new);
    let elapsed = start.elapsed();
    let [breaking, compatible, docs] = counts(&report);
    eprintln!(
        "whole-model diff ({} → {} operations, {} → {} shapes): {:.1} ms; \
         {breaking} breaking, {compatible} compatible, {docs} docs only",
        old.operations.len(),
        new.operations.len(),
        old.shapes.len(),
        new.shapes.len(),
        elapsed.as_secs_f64() * 1e3,
    );

    // Counted by hand (a script over the two service-2.json files): 142
    // operations and 846 shapes added, `StringType` removed, 275 members
    // added, 548 enum values added, 12 members no longer required, 16
    // member targets changed (one of them to another structure).
    assert_eq!(report.count_code("operation_added"), 142);
    assert_eq!(report.count_code("operation_removed"), 0);
    assert_eq!(report.count_code("shape_added"), 846);
    assert_eq!(report.count_code("shape_removed"), 1);
    assert_eq!(report.count_code("member_added"), 275);
    assert_eq!(report.count_code("member_removed"), 0);
    assert_eq!(report.count_code("enum_value_added"), 548);
    assert_eq!(report.count_code("enum_value_removed"), 0);
    assert_eq!(report.count_code("required_removed"), 12);
    assert_eq!(report.count_code("required_added"), 0);
    assert_eq!(
        report.count_code("target_changed") + report.count_code("type_changed"),
        16
    );
    assert_eq!(
        changes_of(&report, "ModifyInstanceAttributeRequest.UserData"),
        vec![(
            Class::Breaking,
            "type changed from `BlobAttributeValue` to `SecureBlobAttributeValue`".to_string()
        )]
    );
    // `CreateVolumeRequest` required `AvailabilityZone` in 1.40.0, nothing
    // in 1.44.5 (its documentation changed too).
    assert_eq!(
        changes_of(&report, "CreateVolumeRequest.AvailabilityZone"),
        vec![
            (Class::Breaking, "no longer required".to_string()),
            (Class::Docs, "documentation changed".to_string())
        ]
    );
    // 24 paginators were added, 22 of them with their (new) operations;
    // 5 waiters, all with new operations.
    assert_eq!(report.count_code("paginator_added"), 24);
    assert_eq!(report.count_code("waiter_added"), 5);
    assert_eq!(breaking, 13);
    assert!(report.has_breaking());
    // The report is deterministic.
    assert_eq!(diff(&old, &new), report);
    eprintln!("{}", report.summary());
}
