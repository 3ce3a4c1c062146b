//! The AWS query crates end to end, against moto (started by the test
//! itself, see `tests::moto`): IAM users, tags, access keys, roles with
//! attached policies and typed errors; SNS topics, subscriptions, publishing
//! with message attributes and attributes; STS's caller identity. Every
//! name is unique per run, so the tests share one server.

use iam_identities::errors::{CreateUserError, GetUserError};
use iam_identities::runtime::client::{Config, Credentials, Environment};
use iam_identities::runtime::operation::{Error, ModeledError};
use iam_identities::runtime::waiter::WaiterError;
use iam_identities::types::Tag;
use sns_topics::types::MessageAttributeValue;

/// The account moto acts as.
const MOTO_ACCOUNT: &str = "123456789012";

fn config() -> Config {
    let moto = tests::moto::server();
    Config::builder()
        .region("us-east-1")
        .endpoint_url(&moto.endpoint)
        .credentials(Credentials::new("testing", "testing", None))
        .build()
}

/// A name no other test (or earlier run) uses.
fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}-{nanos}")
}

fn iam() -> iam_identities::Client {
    iam_identities::Client::new(config())
}

#[tokio::test]
async fn iam_user_tags_and_typed_errors() {
    let iam = iam();
    let name = unique("user");
    let created = iam
        .create_user()
        .user_name(&name)
        .send()
        .await
        .expect("CreateUser");
    assert_eq!(created.user.as_ref().unwrap().user_name, name);
    assert!(created.request_id().is_some(), "moto sends a request id");

    iam.tag_user()
        .user_name(&name)
        .tags(Tag::builder().key("team").value("a&b=c").build().unwrap())
        .send()
        .await
        .expect("TagUser");
    let user = iam
        .get_user()
        .user_name(&name)
        .send()
        .await
        .expect("GetUser");
    let tags = user.user.tags.clone().unwrap_or_default();
    assert!(
        tags.iter().any(|t| t.key == "team" && t.value == "a&b=c"),
        "{tags:?}"
    );

    // A second user of the same name: the declared error, typed.
    match iam.create_user().user_name(&name).send().await {
        Err(Error::Service(CreateUserError::EntityAlreadyExistsException { meta, .. })) => {
            assert_eq!(meta.code, "EntityAlreadyExists");
            assert_eq!(meta.status, 409);
        }
        other => panic!("expected EntityAlreadyExists, got {other:?}"),
    }
    // A user that does not exist.
    let missing = unique("nobody");
    match iam.get_user().user_name(&missing).send().await {
        Err(Error::Service(e @ GetUserError::NoSuchEntityException { .. })) => {
            assert_eq!(e.code(), "NoSuchEntity");
            assert_eq!(e.status(), 404);
            assert!(e.message().unwrap_or_default().contains(&missing), "{e}");
            assert_eq!(e.meta().attempts, 1);
            assert!(e.meta().headers.get("content-type").is_some(), "{e:?}");
        }
        other => panic!("expected NoSuchEntity, got {other:?}"),
    }
    // The typed error converts into the untyped one with `?`.
    async fn untyped(iam: &iam_identities::Client, name: &str) -> Result<(), Error> {
        iam.get_user().user_name(name).send().await?;
        Ok(())
    }
    let e = untyped(&iam, &missing).await.unwrap_err();
    assert_eq!(e.code(), Some("NoSuchEntity"));
    assert_eq!((e.status(), e.attempts()), (Some(404), Some(1)));

    iam.delete_user()
        .user_name(&name)
        .send()
        .await
        .expect("DeleteUser");
}

/// IAM's `UserExists` waiter: its first acceptor, botocore's `status 200`,
/// ends the wait on the first answer for a user that exists; for one that
/// does not, `NoSuchEntity` retries until the wait runs out.
#[tokio::test]
async fn iam_user_exists_waiter() {
    let iam = iam();
    let name = unique("waited");
    iam.create_user()
        .user_name(&name)
        .send()
        .await
        .expect("CreateUser");
    let done = iam
        .get_user()
        .user_name(&name)
        .wait_until_user_exists()
        .max_wait(std::time::Duration::from_secs(10))
        .await
        .expect("UserExists");
    assert_eq!((done.acceptor, done.attempts), (0, 1));
    let missing = iam
        .get_user()
        .user_name(unique("nobody"))
        .wait_until_user_exists()
        .max_wait(std::time::Duration::from_secs(3))
        .await
        .unwrap_err();
    assert!(
        matches!(missing, WaiterError::TimedOut { attempts, .. } if attempts >= 2),
        "{missing:?}"
    );
    iam.delete_user()
        .user_name(&name)
        .send()
        .await
        .expect("DeleteUser");
}

/// boto3's `iam.create_user(UserName=..)` and `iam.Group(name).create()`
/// return the resource they make, its identifier from the request.
#[tokio::test]
async fn iam_create_returns_the_resource_made_from_the_request() {
    let iam = iam();
    let name = unique("made-user");
    let mut user = iam
        .create_user()
        .user_name(&name)
        .send_for_user()
        .await
        .expect("CreateUser");
    assert_eq!(user.name(), name);
    assert_eq!(user.load().await.expect("GetUser").user_name, name);

    let group_name = unique("made-group");
    let mut group = iam
        .group(&group_name)
        .create()
        .send_for_group()
        .await
        .expect("CreateGroup");
    assert_eq!(group.name(), group_name);
    assert_eq!(group.load().await.expect("GetGroup").group_name, group_name);
}

#[tokio::test]
async fn iam_users_and_roles_through_the_paginators() {
    let iam = iam();
    let path = format!("/{}/", unique("e2e"));
    let mut names = Vec::new();
    for i in 0..3 {
        let name = unique(&format!("paged{i}"));
        iam.create_user()
            .user_name(&name)
            .path(&path)
            .send()
            .await
            .expect("CreateUser");
        names.push(name);
    }
    // `items()` streams each page's users from the connection.
    let users = iam
        .list_users()
        .path_prefix(&path)
        .max_items(1)
        .into_paginator()
        .items()
        .collect()
        .await
        .expect("ListUsers");
    let mut found: Vec<String> = users.into_iter().map(|u| u.user_name).collect();
    found.sort();
    names.sort();
    assert_eq!(found, names);

    // moto pages roles (not users) by MaxItems: one role per page.
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let mut roles = Vec::new();
    for i in 0..3 {
        let name = unique(&format!("role{i}"));
        iam.create_role()
            .role_name(&name)
            .path(&path)
            .assume_role_policy_document(policy)
            .send()
            .await
            .expect("CreateRole");
        roles.push(name);
    }
    let mut pages = iam
        .list_roles()
        .path_prefix(&path)
        .max_items(1)
        .into_paginator();
    let mut page_count = 0;
    let mut found = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.expect("ListRoles");
        page_count += 1;
        found.extend(page.roles.iter().map(|r| r.role_name.clone()));
    }
    found.sort();
    roles.sort();
    assert_eq!(found, roles);
    assert!(page_count >= 3, "{page_count} pages");
}

#[tokio::test]
async fn iam_access_key_life_and_a_role_with_an_attached_policy() {
    let iam = iam();
    let name = unique("keys");
    iam.create_user()
        .user_name(&name)
        .send()
        .await
        .expect("CreateUser");
    let key = iam
        .create_access_key()
        .user_name(&name)
        .send()
        .await
        .expect("CreateAccessKey")
        .into_output()
        .access_key;
    assert_eq!(key.user_name, name);
    assert!(!key.secret_access_key.is_empty());
    let listed = iam
        .list_access_keys()
        .user_name(&name)
        .send()
        .await
        .expect("ListAccessKeys");
    let ids: Vec<_> = listed
        .access_key_metadata
        .iter()
        .filter_map(|k| k.access_key_id.clone())
        .collect();
    assert_eq!(ids, std::slice::from_ref(&key.access_key_id));
    iam.delete_access_key()
        .user_name(&name)
        .access_key_id(&key.access_key_id)
        .send()
        .await
        .expect("DeleteAccessKey");
    let listed = iam
        .list_access_keys()
        .user_name(&name)
        .send()
        .await
        .expect("ListAccessKeys");
    assert!(listed.access_key_metadata.is_empty());

    let role = unique("role");
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    iam.create_role()
        .role_name(&role)
        .assume_role_policy_document(policy)
        .send()
        .await
        .expect("CreateRole");
    let document = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"#;
    let policy = iam
        .create_policy()
        .policy_name(unique("policy"))
        .policy_document(document)
        .send()
        .await
        .expect("CreatePolicy")
        .into_output()
        .policy
        .expect("the policy");
    let arn = policy.arn.as_deref().expect("the policy's ARN");
    iam.attach_role_policy()
        .role_name(&role)
        .policy_arn(arn)
        .send()
        .await
        .expect("AttachRolePolicy");
    let attached = iam
        .list_attached_role_policies()
        .role_name(&role)
        .send()
        .await
        .expect("ListAttachedRolePolicies");
    let arns: Vec<_> = attached
        .attached_policies
        .iter()
        .flatten()
        .filter_map(|p| p.policy_arn.as_deref())
        .collect();
    assert_eq!(arns, [arn]);
    let got = iam
        .get_role()
        .role_name(&role)
        .send()
        .await
        .expect("GetRole");
    assert_eq!(got.role.role_name, role);
}

/// `AWS_ENDPOINT_URL_IAM` wins over `AWS_ENDPOINT_URL` (here a port
/// nothing listens on) for IAM.
#[tokio::test]
async fn the_service_endpoint_variable_is_used() {
    let moto = tests::moto::server();
    let env = Environment::from_vars([
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ("AWS_ENDPOINT_URL_IAM", moto.endpoint.as_str()),
        ("AWS_MAX_ATTEMPTS", "1"),
        ("HOME", "/nonexistent"),
    ]);
    let iam = iam_identities::Client::new(Config::from_environment(&env).unwrap());
    iam.list_users()
        .send()
        .await
        .expect("ListUsers through AWS_ENDPOINT_URL_IAM");
    let sns = sns_topics::Client::new(Config::from_environment(&env).unwrap());
    assert!(
        sns.list_topics().send().await.is_err(),
        "SNS uses AWS_ENDPOINT_URL"
    );
}

#[tokio::test]
async fn sns_topic_subscription_publish_and_attributes() {
    let sns = sns_topics::Client::new(config());
    let name = unique("topic");
    let arn = sns
        .create_topic()
        .name(&name)
        .attributes("DisplayName", "first")
        .send()
        .await
        .expect("CreateTopic")
        .into_output()
        .topic_arn
        .expect("a topic ARN");
    assert!(arn.ends_with(&name), "{arn}");

    sns.set_topic_attributes()
        .topic_arn(&arn)
        .attribute_name("DisplayName")
        .attribute_value("second & last")
        .send()
        .await
        .expect("SetTopicAttributes");
    let attributes = sns
        .get_topic_attributes()
        .topic_arn(&arn)
        .send()
        .await
        .expect("GetTopicAttributes")
        .into_output()
        .attributes
        .unwrap_or_default();
    assert_eq!(
        attributes.get("DisplayName").map(String::as_str),
        Some("second & last")
    );
    assert_eq!(
        attributes.get("TopicArn").map(String::as_str),
        Some(arn.as_str())
    );

    let subscription = sns
        .subscribe()
        .topic_arn(&arn)
        .protocol("email")
        .endpoint("someone@example.com")
        .return_subscription_arn(true)
        .send()
        .await
        .expect("Subscribe")
        .into_output()
        .subscription_arn
        .expect("a subscription ARN");
    let subscriptions = sns
        .list_subscriptions_by_topic()
        .topic_arn(&arn)
        .into_paginator()
        .items()
        .collect()
        .await
        .expect("ListSubscriptionsByTopic");
    assert!(
        subscriptions
            .iter()
            .any(|s| s.subscription_arn.as_deref() == Some(subscription.as_str())),
        "{subscriptions:?}"
    );

    let published = sns
        .publish()
        .topic_arn(&arn)
        .message("hello")
        .message_attributes(
            "colour",
            MessageAttributeValue::builder()
                .data_type("String")
                .string_value("blue")
                .build()
                .unwrap(),
        )
        .message_attributes(
            "size",
            MessageAttributeValue::builder()
                .data_type("Number")
                .string_value("3")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("Publish");
    assert!(published.message_id.is_some());

    let topics = sns
        .list_topics()
        .into_paginator()
        .items()
        .collect()
        .await
        .expect("ListTopics");
    assert!(topics
        .iter()
        .any(|t| t.topic_arn.as_deref() == Some(arn.as_str())));

    sns.unsubscribe()
        .subscription_arn(&subscription)
        .send()
        .await
        .expect("Unsubscribe");
    sns.delete_topic()
        .topic_arn(&arn)
        .send()
        .await
        .expect("DeleteTopic");
}

#[tokio::test]
async fn sts_caller_identity() {
    let sts = sts_identity::Client::new(config());
    let identity = sts
        .get_caller_identity()
        .send()
        .await
        .expect("GetCallerIdentity");
    assert_eq!(identity.account.as_deref(), Some(MOTO_ACCOUNT));
    assert!(identity.arn.is_some());
}

#[tokio::test]
async fn a_page_size_for_an_operation_without_one_is_refused_before_sending() {
    // ListTopics has no page-size member; no request is made, so no server
    // is needed.
    let sns = sns_topics::Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .credentials(Credentials::new("testing", "testing", None))
            .build(),
    );
    let mut pages = sns.list_topics().into_paginator().page_size(5);
    let err = pages.next_page().await.unwrap().unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot page ListTopics: the operation has no page-size member"
    );
    assert!(pages.next_page().await.is_none());
}

#[tokio::test]
async fn inputs_are_checked_against_the_models_least_lengths_before_sending() {
    // Nothing is sent, so no server is needed; with the checks off, the
    // request goes out and fails to connect instead.
    let config = || {
        Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .credentials(Credentials::new("testing", "testing", None))
            .max_attempts(1)
    };
    let iam = iam_identities::Client::new(config().build());
    let bad_tag = Tag::builder().key("").value("v").build().unwrap();
    let err = iam
        .create_user()
        .user_name("")
        .tags(bad_tag.clone())
        .send()
        .await
        .unwrap_err();
    let Error::Validation(problems) = &err else {
        panic!("expected a validation error, got {err:?}")
    };
    assert_eq!(
        problems.problems(),
        [
            "Invalid length for parameter UserName, value: 0, valid min length: 1",
            "Invalid length for parameter Tags[0].Key, value: 0, valid min length: 1",
        ]
    );
    assert!(err
        .to_string()
        .starts_with("Parameter validation failed:\n"));

    // The streamed paths check too: `send_streaming()` and the paginator's
    // `items()`.
    let Err(err) = iam.get_group().group_name("").send_streaming().await else {
        panic!("an empty group name was sent")
    };
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    let mut users = iam.get_group().group_name("").into_paginator().items();
    let err = users.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");

    let unchecked = iam_identities::Client::new(config().parameter_validation(false).build());
    let err = unchecked
        .create_user()
        .user_name("")
        .tags(bad_tag)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Send(_)), "{err:?}");
}
