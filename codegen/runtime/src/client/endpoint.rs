//! The default endpoint of a service in a region, and the region requests
//! to it are signed for.
//!
//! Most services answer at `https://{prefix}.{region}.amazonaws.com/`
//! (`amazonaws.com.cn` in the China regions), signed for the region. A few
//! are global: one endpoint per partition, signed for that partition's
//! home region whatever region the client is configured with. The models
//! do not say which (botocore keeps it in its partition data, `endpoints.json`,
//! not in the service model), so the global services are listed here, by
//! endpoint prefix, from that data:
//!
//! | prefix | `aws` partition | China | GovCloud (US) |
//! |---|---|---|---|
//! | `iam` | `iam.amazonaws.com`, `us-east-1` | `iam.cn-north-1.amazonaws.com.cn`, `cn-north-1` | `iam.us-gov.amazonaws.com`, `us-gov-west-1` |
//! | `route53` | `route53.amazonaws.com`, `us-east-1` | `route53.amazonaws.com.cn`, `cn-northwest-1` | `route53.us-gov.amazonaws.com`, `us-gov-west-1` |
//! | `cloudfront` | `cloudfront.amazonaws.com`, `us-east-1` | `cloudfront.cn-northwest-1.amazonaws.com.cn`, `cn-northwest-1` | — |
//! | `organizations` | `organizations.us-east-1.amazonaws.com`, `us-east-1` | `organizations.cn-northwest-1.amazonaws.com.cn`, `cn-northwest-1` | `organizations.us-gov-west-1.amazonaws.com`, `us-gov-west-1` |
//! | `waf` | `waf.amazonaws.com`, `us-east-1` | — | — |
//!
//! STS is regional (botocore's default since 2022), like every service not
//! listed.

/// A partition's endpoint of a global service: the host and the region
/// requests are signed for.
type Global = Option<(&'static str, &'static str)>;

/// The global services: endpoint prefix, then the `aws`, China and GovCloud
/// partitions' endpoints (`None` where the service is regional there or
/// absent).
const GLOBAL: &[(&str, Global, Global, Global)] = &[
    (
        "iam",
        Some(("iam.amazonaws.com", "us-east-1")),
        Some(("iam.cn-north-1.amazonaws.com.cn", "cn-north-1")),
        Some(("iam.us-gov.amazonaws.com", "us-gov-west-1")),
    ),
    (
        "route53",
        Some(("route53.amazonaws.com", "us-east-1")),
        Some(("route53.amazonaws.com.cn", "cn-northwest-1")),
        Some(("route53.us-gov.amazonaws.com", "us-gov-west-1")),
    ),
    (
        "cloudfront",
        Some(("cloudfront.amazonaws.com", "us-east-1")),
        Some((
            "cloudfront.cn-northwest-1.amazonaws.com.cn",
            "cn-northwest-1",
        )),
        None,
    ),
    (
        "organizations",
        Some(("organizations.us-east-1.amazonaws.com", "us-east-1")),
        Some((
            "organizations.cn-northwest-1.amazonaws.com.cn",
            "cn-northwest-1",
        )),
        Some(("organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1")),
    ),
    ("waf", Some(("waf.amazonaws.com", "us-east-1")), None, None),
];

/// The default endpoint URL of the service with this endpoint prefix in
/// `region`, and the region its requests are signed for.
pub(crate) fn default_endpoint(prefix: &str, region: &str) -> (String, String) {
    let china = region.starts_with("cn-");
    let gov = region.starts_with("us-gov-");
    let global = GLOBAL
        .iter()
        .find(|(p, ..)| *p == prefix)
        .and_then(|(_, aws, cn, gov_cloud)| {
            if china {
                *cn
            } else if gov {
                *gov_cloud
            } else {
                *aws
            }
        });
    match global {
        Some((host, signing_region)) => (format!("https://{host}/"), signing_region.to_string()),
        None => {
            let suffix = if china {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            };
            (
                format!("https://{prefix}.{region}.{suffix}/"),
                region.to_string(),
            )
        }
    }
}

/// The suffix of a service's own endpoint variable
/// (`AWS_ENDPOINT_URL_{suffix}`): its service id upper-cased, spaces (and
/// dashes) as `_` (`Elastic Load Balancing v2` ->
/// `ELASTIC_LOAD_BALANCING_V2`), as the AWS SDKs spell it.
pub fn endpoint_variable_suffix(service_id: &str) -> String {
    service_id
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_services_use_the_region() {
        assert_eq!(
            default_endpoint("sns", "eu-west-1"),
            (
                "https://sns.eu-west-1.amazonaws.com/".to_string(),
                "eu-west-1".to_string()
            )
        );
        assert_eq!(
            default_endpoint("sts", "cn-north-1").0,
            "https://sts.cn-north-1.amazonaws.com.cn/"
        );
    }

    #[test]
    fn global_services_use_their_partition_endpoint_and_signing_region() {
        assert_eq!(
            default_endpoint("iam", "eu-west-1"),
            (
                "https://iam.amazonaws.com/".to_string(),
                "us-east-1".to_string()
            )
        );
        assert_eq!(default_endpoint("iam", "cn-northwest-1").1, "cn-north-1");
        assert_eq!(
            default_endpoint("iam", "us-gov-east-1").0,
            "https://iam.us-gov.amazonaws.com/"
        );
        // Regional where the partition has no global endpoint.
        assert_eq!(
            default_endpoint("waf", "cn-north-1").0,
            "https://waf.cn-north-1.amazonaws.com.cn/"
        );
    }

    #[test]
    fn endpoint_variables_are_named_from_the_service_id() {
        assert_eq!(endpoint_variable_suffix("IAM"), "IAM");
        assert_eq!(
            endpoint_variable_suffix("Elastic Load Balancing v2"),
            "ELASTIC_LOAD_BALANCING_V2"
        );
    }
}
