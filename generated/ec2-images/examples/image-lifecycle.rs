// Copied by `cargo xtask codegen` from model/ec2-images/examples/image-lifecycle.rs. DO NOT EDIT here: edit the original.

//! The whole life of an image, as a boto3 user would script it, step for
//! step the same as `tests/fixtures/boto3/image_lifecycle.py` (both print the
//! same lines): list Amazon's arm64 images through the paginator, describe
//! two by id, register an image and wait until it exists, tag it, describe
//! and modify its attributes, copy it, deregister both, and show the errors
//! of a missing image and of a dry run.
//!
//! ```text
//! cargo run -p ec2-images --features serde --example image-lifecycle -- [NAME]
//! ```
//!
//! The endpoint, region and credentials come from the environment as the
//! AWS CLI finds them (`AWS_ENDPOINT_URL`, `AWS_REGION`, `AWS_PROFILE`...).
//! Against real EC2 it registers (and deregisters) images in your account.

use ec2_images::types::{Filter, ImageAttributeName as Attr, LaunchPermission, Tag};
use ec2_images::{types::LaunchPermissionModifications as Change, Client};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let name = std::env::args().nth(1).unwrap_or("image-lifecycle".into());
    let client = Client::from_env()?;

    // Amazon's arm64 images, through the paginator; then two of them by id.
    let arm64 = Filter::builder().name("architecture").values("arm64");
    let pages = client.describe_images().owners("amazon").filters(arm64).into_paginator();
    let amazon = pages.items().collect().await?;
    println!("amazon arm64 images: {}", amazon.len());
    let ids = amazon.iter().take(2).filter_map(|image| image.image_id());
    let described = client.describe_images().set_image_ids_from(ids).send().await?;
    let names: Vec<_> = described.images().iter().filter_map(|image| image.name()).collect();
    println!("described: {}", names.join(", "));

    // Register an image, wait until it exists, read its attributes.
    let register = client.register_image().name(&name).description("made by image-lifecycle");
    let mut image = register.send_for_image().await?;
    image.wait_until_exists().await?;
    let data = image.load().await?;
    println!("registered: {} {}", data.name().unwrap(), data.state().unwrap());

    // Tags with values that need encoding; the resource reloads its data.
    let tags = [("Owner", "Team A & B"), ("Query", "a&b=c d"), ("Ünïcode", "é~*+ ✓")];
    let tags = tags.map(|(k, v)| Tag::builder().key(k).value(v));
    image.create_tags().set_tags_from(tags).send().await?;
    println!("tags: {}", serde_json::to_string(&image.tags().await?)?);

    // Describe and modify attributes: share the image, then stop sharing it
    // (ResetImageAttribute would do the same, but moto does not implement it).
    let description = image.describe_attribute().attribute(Attr::Description).send().await?;
    println!("description: {}", description.description().unwrap().value().unwrap());
    let user = || LaunchPermission::builder().user_id("123456789012");
    image.modify_attribute().launch_permission(Change::builder().add(user())).send().await?;
    let permissions = image.describe_attribute().attribute(Attr::LaunchPermission).send().await?;
    println!("shared with: {}", serde_json::to_string(permissions.launch_permissions())?);
    image.modify_attribute().launch_permission(Change::builder().remove(user())).send().await?;
    let permissions = image.describe_attribute().attribute(Attr::LaunchPermission).send().await?;
    println!("shared with after removal: {}", permissions.launch_permissions().len());

    // Copy it, then deregister both.
    let region = client.config().region().unwrap_or_default();
    let copy = client.copy_image().source_image_id(image.id()).source_region(region);
    let mut copy = copy.name(format!("{name}-copy")).send_for_image().await?;
    println!("copied: {}", copy.name().await?.unwrap());
    image.deregister().send().await?;
    copy.deregister().send().await?;

    // The errors of a missing image and of a dry run.
    let missing = client.describe_images().image_ids("ami-0123456789abcdef0").send().await;
    println!("missing: {}", missing.unwrap_err().code().unwrap());
    let dry_run = client.describe_images().owners("self").dry_run(true).send().await;
    println!("dry run: {}", dry_run.unwrap_err().code().unwrap());
    Ok(())
}
