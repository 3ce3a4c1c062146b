//! `cargo xtask bench-build`: how long a whole service takes to generate and
//! to build, next to the official AWS SDK crate of the same service.
//!
//! Generates every operation of a botocore model (EC2 by default) into a
//! crate in a folder of its own, beside a crate that depends on the
//! official `aws-sdk-*` crate, then times `cargo build` of each crate alone:
//! its dependencies are built first, untimed, then the crate is cleaned and
//! built again, timed. Prints the lines of Rust, the seconds (wall time,
//! and the CPU time of every process of the build, steadier on a busy
//! machine), the peak memory of the build (its largest process, the
//! compiler) and each time as a ratio of the official crate's. Not part of `cargo test`: a full run
//! takes tens of minutes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use codegen::Config;

use crate::paths;

const USAGE: &str = "\
usage: cargo xtask bench-build [--profile dev|release]... [--no-baseline]
                               [--incremental] [--generate-only]
                               [--service NAME] [--dir DIR]

  --profile P      dev or release; repeat for both (default: both)
  --no-baseline    skip the official crate (aws-sdk-SERVICE)
  --baseline V     the official crate's version (default: 1.274.0)
  --incremental    build the generated crate incrementally, as cargo builds
                   a workspace member in dev; by default it is built as the
                   official crate is, as a dependency: without
  --generate-only  generate the whole crate, print its size and the time
                   codegen took, and build nothing
  --service NAME   botocore's service folder under ../shared/reference/
                   botocore-1.44.5 (default: ec2)
  --dir DIR        where the crates are written and built (default:
                   target/bench-build); kept, so a second run reuses the
                   dependencies already built";

/// The name of the generated crate of every operation.
const WHOLE: &str = "whole-service";

/// Runs the task with its arguments.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let root = paths::workspace_root();
    let mut profiles = Vec::new();
    let mut baseline = Some("1.274.0".to_string());
    let mut generate_only = false;
    let mut incremental = false;
    let mut service = "ec2".to_string();
    let mut dir = root.join("target").join("bench-build");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        let parsed = match arg.as_str() {
            "--profile" => value().and_then(|p| match p.as_str() {
                "dev" | "release" => {
                    profiles.push(p);
                    Ok(())
                }
                _ => Err(format!("--profile {p}: dev or release")),
            }),
            "--no-baseline" => {
                baseline = None;
                Ok(())
            }
            "--baseline" => value().map(|v| baseline = Some(v)),
            "--generate-only" => {
                generate_only = true;
                Ok(())
            }
            "--incremental" => {
                incremental = true;
                Ok(())
            }
            "--service" => value().map(|v| service = v),
            "--dir" => value().map(|v| dir = PathBuf::from(v)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => Err(format!("unknown argument `{other}`")),
        };
        if let Err(message) = parsed {
            return Ok(paths::usage_error(&message, USAGE));
        }
    }
    if profiles.is_empty() {
        profiles = vec!["dev".into(), "release".into()];
    }
    let botocore = root
        .join(paths::REFERENCE_DIR)
        .join("botocore-1.44.5")
        .join(&service);
    let (lines, runtime_dep) = generate_whole(&root, &botocore, &dir)?;
    if generate_only {
        return Ok(ExitCode::SUCCESS);
    }
    let official = format!("aws-sdk-{service}");
    if let Some(version) = &baseline {
        write_baseline(&dir, &official, version)?;
    }
    write_workspace(&dir, &runtime_dep, baseline.is_some())?;
    let build = Build {
        dir: &dir,
        incremental,
    };

    let mut rows = Vec::new();
    for profile in &profiles {
        let mut builds = vec![
            (format!("{WHOLE} (no client)"), WHOLE, "deps-types", lines),
            (format!("{WHOLE} (client)"), WHOLE, "deps-client", lines),
        ];
        if let Some(version) = &baseline {
            // Warmed by the package it times: selected alone, it is built
            // as it will be timed, so a second run finds it fresh.
            builds.push((format!("{official} {version}"), &official, &official, 0));
        }
        let mut measured = Vec::new();
        for (label, package, warm, lines) in builds {
            let client = label.ends_with("(client)");
            eprintln!("{profile}: building the dependencies of {label}");
            build.cargo(profile, &["build", "-p", warm], client)?;
            build.cargo(profile, &["clean", "-p", package], client)?;
            eprintln!("{profile}: building {label}");
            let (time, peak) = build.timed(profile, package, client)?;
            let (wall, cpu) = time;
            let lines = if lines == 0 {
                count_lines(&registry_source(&dir, package)?)?
            } else {
                lines
            };
            eprintln!(
                "  {:.1} s ({:.1} s of CPU), peak {} MiB",
                wall.as_secs_f64(),
                cpu.as_secs_f64(),
                peak >> 20
            );
            measured.push((label, lines, time, peak));
        }
        let base = baseline.as_ref().and_then(|_| measured.last().map(|m| m.2));
        for (label, lines, time, peak) in measured {
            rows.push((profile.clone(), label, lines, time, peak, base));
        }
    }
    println!("{}", table(&rows));
    println!(
        "The generated crate was built {}.",
        if incremental {
            "incrementally (--incremental), as a workspace member in dev"
        } else {
            "without incremental compilation, as the official crate is (a dependency)"
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Generates the crate of every operation of the botocore model in
/// `botocore` into `dir/whole-service`, printing how long that took and how
/// big it is. Returns its lines of Rust and its manifest's line that
/// depends on the runtime.
fn generate_whole(root: &Path, botocore: &Path, dir: &Path) -> Result<(usize, String), String> {
    let started = Instant::now();
    let model = crate::models::load_botocore_dir(botocore)?;
    let loaded = started.elapsed();
    let config = Config {
        crate_name: WHOLE.into(),
        crate_version: "0.1.0".into(),
        description: format!("Every operation of {}.", botocore.display()),
        service: None,
        operations: model
            .operations
            .values()
            .map(|op| op.id.name.clone())
            .collect(),
        resources: Vec::new(),
        examples: Vec::new(),
    };
    let runtime = root.join(paths::RUNTIME_DIR);
    let runtime = runtime.to_str().ok_or("the workspace path is not UTF-8")?;
    let files = codegen::generate(&model, &Default::default(), &config, runtime)
        .map_err(|e| format!("{}: {e}", botocore.display()))?;
    let generated = started.elapsed();
    let krate = dir.join(WHOLE);
    crate::codegen::write(&files, &krate)?;
    let mut lines = 0;
    let mut per_file = String::new();
    for (path, text) in &files {
        if path.ends_with(".rs") {
            let n = text.lines().count();
            lines += n;
            let _ = writeln!(per_file, "  {path}: {n} lines");
        }
    }
    eprintln!(
        "generated {}: {} operations, {} shapes, {lines} lines of Rust in {:.2} s \
         (loading the model {:.2} s)\n{per_file}",
        krate.display(),
        config.operations.len(),
        model.shapes.len(),
        generated.as_secs_f64(),
        loaded.as_secs_f64(),
    );
    let runtime_dep = files["Cargo.toml"]
        .lines()
        .find(|line| line.starts_with("aws-bindgen-runtime ="))
        .ok_or("the generated Cargo.toml has no aws-bindgen-runtime dependency")?
        .to_string();
    Ok((lines, runtime_dep))
}

/// The crate that depends on the official SDK crate.
fn write_baseline(dir: &Path, official: &str, version: &str) -> Result<(), String> {
    let manifest = format!(
        "[package]\nname = \"baseline\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{official} = \"={version}\"\n"
    );
    write_crate(dir, "baseline", &manifest)
}

/// The workspace of the measured crates, with two crates that depend on
/// what the generated crate depends on (`runtime_dep`, without and with the
/// client), so that its dependencies can be built before it, untimed.
fn write_workspace(dir: &Path, runtime_dep: &str, baseline: bool) -> Result<(), String> {
    for (name, features) in [
        ("deps-types", ""),
        (
            "deps-client",
            "[features]\ndefault = [\"aws-bindgen-runtime/client\"]\n\n",
        ),
    ] {
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             {features}[dependencies]\n{runtime_dep}\n"
        );
        write_crate(dir, name, &manifest)?;
    }
    let mut members = vec![WHOLE, "deps-types", "deps-client"];
    if baseline {
        members.push("baseline");
    }
    let manifest = format!(
        "# Written by `cargo xtask bench-build`.\n[workspace]\nresolver = \"2\"\nmembers = {members:?}\n"
    );
    crate::codegen::write_atomic(&dir.join("Cargo.toml"), manifest.as_bytes())
}

fn write_crate(dir: &Path, name: &str, manifest: &str) -> Result<(), String> {
    let krate = dir.join(name);
    crate::codegen::write_atomic(&krate.join("Cargo.toml"), manifest.as_bytes())?;
    crate::codegen::write_atomic(&krate.join("src/lib.rs"), b"")
}

/// Where and how the measured crates are built.
struct Build<'a> {
    dir: &'a Path,
    /// Whether the generated crate is built with incremental compilation.
    /// cargo never builds a registry dependency (the official crate) so.
    incremental: bool,
}

impl Build<'_> {
    /// A cargo command for `profile`; `client` adds the client feature when
    /// the command is about the generated crate.
    fn command(&self, profile: &str, args: &[&str], client: bool) -> Command {
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.current_dir(self.dir)
            .args(args)
            .args(["--profile", profile]);
        if args.contains(&WHOLE) && args[0] == "build" && !client {
            cmd.arg("--no-default-features");
        }
        // The project's own settings must not leak into the measured builds.
        cmd.env_remove("RUSTFLAGS")
            .env_remove("CARGO_TARGET_DIR")
            .env(
                "CARGO_INCREMENTAL",
                if self.incremental { "1" } else { "0" },
            );
        cmd
    }

    fn cargo(&self, profile: &str, args: &[&str], client: bool) -> Result<(), String> {
        let output = self
            .command(profile, args, client)
            .stdout(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "cargo {} in {}:\n{}",
                args.join(" "),
                self.dir.display(),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(())
    }

    /// Builds `package` alone, returning the wall and CPU times and the
    /// peak resident memory of the largest process of the build.
    fn timed(&self, profile: &str, package: &str, client: bool) -> Result<(Times, u64), String> {
        let started = Instant::now();
        let child = self
            .command(profile, &["build", "-p", package], client)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        let (status, usage) = wait_with_usage(child.id())?;
        let time = started.elapsed();
        if status != 0 {
            return Err(format!("cargo build -p {package} failed"));
        }
        let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
        // ru_maxrss is in KiB on Linux.
        Ok(((time, cpu), (usage.ru_maxrss as u64) << 10))
    }
}

/// Wall time and CPU time.
type Times = (Duration, Duration);

/// Waits for the process `pid`; its exit status and its resource usage,
/// which covers every descendant it waited for.
fn wait_with_usage(pid: u32) -> Result<(i32, libc::rusage), String> {
    let mut status = 0;
    // SAFETY: `rusage` is plain old data, valid when zeroed; `wait4` writes
    // both out-parameters and reads nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if waited < 0 {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok((code, usage))
}

/// Where cargo unpacked a registry package of the workspace in `dir`.
fn registry_source(dir: &Path, package: &str) -> Result<PathBuf, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(["metadata", "--format-version", "1"])
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata in {}: {e}", dir.display()))?;
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == package)
        .and_then(|p| p["manifest_path"].as_str())
        .and_then(|m| Path::new(m).parent().map(|p| p.join("src")))
        .ok_or_else(|| format!("cargo metadata in {}: no package {package}", dir.display()))
}

/// Lines of the `.rs` files under `dir`.
fn count_lines(dir: &Path) -> Result<usize, String> {
    let mut lines = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| format!("{}: {e}", d.display()))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                lines += text.iter().filter(|&&b| b == b'\n').count();
            }
        }
    }
    Ok(lines)
}

type Row = (String, String, usize, Times, u64, Option<Times>);

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| profile | crate | lines | build (s) | vs official | CPU (s) | vs official | peak memory (MiB) |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let ratio = |time: Duration, base: Option<Duration>| {
        base.map(|b| format!("{:.2}x", time.as_secs_f64() / b.as_secs_f64()))
            .unwrap_or_else(|| "-".into())
    };
    for (profile, label, lines, (wall, cpu), peak, base) in rows {
        let _ = writeln!(
            out,
            "| {profile} | {label} | {lines} | {:.1} | {} | {:.1} | {} | {} |",
            wall.as_secs_f64(),
            ratio(*wall, base.map(|b| b.0)),
            cpu.as_secs_f64(),
            ratio(*cpu, base.map(|b| b.1)),
            peak >> 20
        );
    }
    out
}
