//! Sending a signed request, with timeouts and retries.

use std::error::Error as StdError;
use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, USER_AGENT};
use hyper::{Request, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::body_limit;
use super::config::Config;
use super::credentials::CredentialsError;
use super::endpoint;
use super::outcome::{RawResponse, SendError, SendErrorKind};
use super::retry::{self, RetryKind, RetryQuota};
use super::sign;
use crate::xml::{ServiceError, XmlError};

/// How long an idle pooled connection is kept.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

type HttpClient = Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

/// An error that a transport or a source of credentials reported.
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// Reads a protocol's error document.
pub type ErrorParseFn = fn(&[u8]) -> Result<ServiceError, XmlError>;

/// What a generated crate tells the client about its service and wire
/// protocol: one `static` per generated crate, given to [`Handle::new`].
#[derive(Debug)]
pub struct Service {
    /// The SigV4 signing name (`ec2`).
    pub signing_name: &'static str,
    /// The endpoint prefix: without a configured endpoint, requests go to
    /// `https://{endpoint_prefix}.{region}.amazonaws.com/`, or to the
    /// partition's endpoint of a global service (IAM's
    /// `https://iam.amazonaws.com/`, signed for `us-east-1`).
    pub endpoint_prefix: &'static str,
    /// The service id (`aws.api#service` `sdkId`, botocore `serviceId`):
    /// `AWS_ENDPOINT_URL_{ID}` (upper-cased, spaces as `_`) sets its
    /// endpoint (see [`Config::from_environment`](super::Config::from_environment)).
    pub service_id: &'static str,
    /// The request body's content type.
    pub content_type: &'static str,
    /// The generated crate and its version (`ec2-images/0.1.0`), first in
    /// the `User-Agent` header.
    pub crate_id: &'static str,
    /// Reads the protocol's error document: its code decides whether an
    /// error answer is retried, and it becomes the operation's error.
    pub parse_error: ErrorParseFn,
    /// The error codes the model marks retryable (`smithy.api#retryable`),
    /// beside the codes every AWS service retries.
    pub retryable_errors: &'static [RetryableError],
}

/// An error code the model marks retryable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryableError {
    /// The code (`Throttling`).
    pub code: &'static str,
    /// A throttling error (retried as throttling, not as a transient fault).
    pub throttling: bool,
}

/// What the generated operations send requests through: a configuration, a
/// connection pool and a retry quota, shared by its clones.
///
/// It needs a Tokio runtime with time and I/O enabled.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    service: &'static Service,
    user_agent: String,
    http: Result<HttpClient, String>,
    quota: RetryQuota,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("service", &self.inner.service)
            .field("config", &self.inner.config)
            .field("user_agent", &self.inner.user_agent)
            .finish_non_exhaustive()
    }
}

impl Handle {
    /// A handle for a generated crate's service.
    pub fn new(config: Config, service: &'static Service) -> Handle {
        let http = http_client(&config);
        let user_agent = user_agent(service.crate_id, config.app_name.as_deref());
        Handle {
            inner: Arc::new(Inner {
                config,
                service,
                user_agent,
                http,
                quota: RetryQuota::new(),
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The service and protocol requests are sent for.
    pub fn service(&self) -> &'static Service {
        self.inner.service
    }

    /// The `User-Agent` header sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// The endpoint requests go to: the configured one, else the region's.
    pub fn endpoint(&self) -> Result<String, SendError> {
        self.resolve("").map(|resolved| resolved.url)
    }

    /// The region requests are signed for: the configured one, or the home
    /// region of a global service's partition when its default endpoint is
    /// used.
    pub fn signing_region(&self) -> Result<String, SendError> {
        self.resolve("").map(|resolved| resolved.signing_region)
    }

    /// Sends a query request: a signed POST of `body` (already form
    /// encoded, `Action=...&Version=...`) to the endpoint, retried as the
    /// [`RetryConfig`](super::RetryConfig) says.
    ///
    /// `action` names the operation in errors. The code of an error
    /// response (read by the service's [`parse_error`](Service::parse_error))
    /// decides whether it is retried.
    /// The final response is returned whatever its status, once it is a
    /// success, an error that is not retried, or the last attempt allowed;
    /// an error here means no response was had.
    pub async fn send(&self, action: &'static str, body: String) -> Result<RawResponse, SendError> {
        self.send_with(action, body, false)
            .await
            .map(|(response, _)| response)
    }

    /// Like [`send`](Handle::send), but the body of a success is not read:
    /// it is returned to be read as it arrives (its `RawResponse` has an
    /// empty body). Retries happen here, before any of the body is read;
    /// the timeouts cover the attempts up to the response's headers.
    pub(crate) async fn send_streaming(
        &self,
        action: &'static str,
        body: String,
    ) -> Result<(RawResponse, Option<Incoming>), SendError> {
        self.send_with(action, body, true).await
    }

    async fn send_with(
        &self,
        action: &'static str,
        body: String,
        streaming: bool,
    ) -> Result<(RawResponse, Option<Incoming>), SendError> {
        let Resolved {
            url,
            uri,
            host,
            signing_region,
        } = self.resolve(action)?;
        let attempts = AtomicU32::new(0);
        let exchange = self.exchange(
            &url,
            &uri,
            &host,
            &signing_region,
            Bytes::from(body),
            &attempts,
            streaming,
        );
        let result = match self.inner.config.operation_timeout {
            Some(limit) => match tokio::time::timeout(limit, exchange).await {
                Ok(result) => result,
                Err(_) => Err(SendErrorKind::Timeout {
                    limit,
                    whole_operation: true,
                }),
            },
            None => exchange.await,
        };
        result.map_err(|kind| SendError {
            action,
            url: Some(url),
            attempts: attempts.load(Ordering::Relaxed),
            kind,
        })
    }

    /// The endpoint as text, as a URI, its host (with the port, if given)
    /// and the region requests to it are signed for. The endpoint is the
    /// service's own configured endpoint (`AWS_ENDPOINT_URL_{ID}`), else
    /// the configured endpoint, else the region's.
    fn resolve(&self, action: &'static str) -> Result<Resolved, SendError> {
        let error = |kind| SendError {
            action,
            url: None,
            attempts: 0,
            kind,
        };
        let config = &self.inner.config;
        let service = self.inner.service;
        let configured = config
            .service_endpoint_url(&endpoint::endpoint_variable_suffix(service.service_id))
            .or(config.endpoint_url.as_deref());
        let (url, signing_region) = match configured {
            Some(url) => (url.to_string(), config.region.clone()),
            None => {
                let region = config
                    .region
                    .as_deref()
                    .ok_or(error(SendErrorKind::NoRegion))?;
                if !is_region_name(region) {
                    return Err(error(SendErrorKind::InvalidRegion(region.to_string())));
                }
                let (url, signing_region) =
                    endpoint::default_endpoint(service.endpoint_prefix, region);
                (url, Some(signing_region))
            }
        };
        let invalid = |reason: &str| {
            error(SendErrorKind::InvalidEndpoint {
                url: super::body_limit::redacted_url(&url),
                reason: reason.to_string(),
            })
        };
        let uri: Uri = url.parse().map_err(|_| invalid("is not a URL"))?;
        match uri.scheme_str() {
            Some("https") | Some("http") => {}
            _ => return Err(invalid("must start with https:// or http://")),
        }
        let Some(authority) = uri.authority() else {
            return Err(invalid("has no host"));
        };
        if authority.as_str().contains('@') {
            return Err(invalid("must not contain a user name or password"));
        }
        if uri.query().is_some() {
            return Err(invalid("must not have a query"));
        }
        let host = authority.as_str().to_string();
        let path = if uri.path().is_empty() {
            "/"
        } else {
            uri.path()
        };
        let url = format!("{}://{host}{path}", uri.scheme_str().unwrap_or("https"));
        let uri: Uri = url.parse().map_err(|_| invalid("is not a URL"))?;
        // A configured endpoint is signed for the configured region, which
        // a request needs: reported as no region when it is sent.
        Ok(Resolved {
            url,
            uri,
            host,
            signing_region: signing_region.unwrap_or_default(),
        })
    }

    /// The attempts of one request, retried as configured.
    #[allow(clippy::too_many_arguments)]
    async fn exchange(
        &self,
        url: &str,
        uri: &Uri,
        host: &str,
        signing_region: &str,
        body: Bytes,
        attempts: &AtomicU32,
        streaming: bool,
    ) -> Result<(RawResponse, Option<Incoming>), SendErrorKind> {
        let inner = &*self.inner;
        let config = &inner.config;
        let http = inner
            .http
            .as_ref()
            .map_err(|e| SendErrorKind::Tls(e.clone()))?;
        if config.region.is_none() || signing_region.is_empty() {
            return Err(SendErrorKind::NoRegion);
        }
        let region = signing_region;
        let provider = config.credentials.as_ref().ok_or_else(|| {
            SendErrorKind::Credentials(CredentialsError::new(
                "no credentials provider is configured (use Config::from_env or ConfigBuilder::credentials)",
            ))
        })?;
        let max_attempts = config.retry.max_attempts().max(1);
        let mut last_cost = None;
        let mut attempt = 0;
        loop {
            attempt += 1;
            attempts.store(attempt, Ordering::Relaxed);
            let credentials = provider
                .provide_credentials()
                .await
                .map_err(SendErrorKind::Credentials)?;
            let signed = sign::signing_headers(
                &credentials,
                region,
                inner.service.signing_name,
                SystemTime::now(),
                url,
                &[("host", host), ("content-type", inner.service.content_type)],
                &body,
            )
            .map_err(|e| SendErrorKind::InvalidRequest(format!("signing failed: {e}")))?;
            let mut request = Request::post(uri.clone())
                .header(HOST, host)
                .header(CONTENT_TYPE, inner.service.content_type)
                .header(USER_AGENT, &inner.user_agent)
                .header(
                    "amz-sdk-request",
                    format!("attempt={attempt}; max={max_attempts}"),
                );
            for (name, value) in signed {
                request = request.header(name, value);
            }
            let request = request.body(Full::new(body.clone())).map_err(|e| {
                SendErrorKind::InvalidRequest(format!("a header is not valid: {e}"))
            })?;

            let outcome = match config.attempt_timeout {
                Some(limit) => {
                    tokio::time::timeout(limit, round_trip(http, request, config, streaming))
                        .await
                        .unwrap_or(Err(AttemptError::Timeout(limit)))
                }
                None => round_trip(http, request, config, streaming).await,
            };
            let retry = match &outcome {
                Ok((response, _)) if response.is_success() => {
                    inner.quota.success(last_cost);
                    None
                }
                Ok((response, _)) => {
                    let code = (inner.service.parse_error)(&response.body).ok();
                    retry::classify(
                        response.status,
                        code.as_ref().map(|e| e.code.as_str()),
                        inner.service.retryable_errors,
                    )
                }
                Err(AttemptError::Timeout(_)) => Some(RetryKind::Timeout),
                Err(AttemptError::Transport { error, .. }) if body_limit::is_too_large(error) => {
                    None
                }
                Err(AttemptError::Transport { .. }) => Some(RetryKind::Transient),
            };
            let cost = match retry {
                Some(kind) if attempt < max_attempts => inner.quota.acquire(kind),
                _ => None,
            };
            if let Some(cost) = cost {
                last_cost = Some(cost);
                tokio::time::sleep(retry::backoff(&config.retry, attempt)).await;
                continue;
            }
            return match outcome {
                Ok((mut response, streamed)) => {
                    response.attempts = attempt;
                    Ok((response, streamed))
                }
                Err(AttemptError::Timeout(limit)) => Err(SendErrorKind::Timeout {
                    limit,
                    whole_operation: false,
                }),
                Err(AttemptError::Transport {
                    connect: true,
                    error,
                }) => Err(SendErrorKind::Connect(error)),
                Err(AttemptError::Transport { error, .. }) => Err(SendErrorKind::Transport(error)),
            };
        }
    }
}

/// Where requests go and the region they are signed for.
struct Resolved {
    url: String,
    uri: Uri,
    host: String,
    signing_region: String,
}

/// How one attempt failed.
enum AttemptError {
    Timeout(Duration),
    Transport { connect: bool, error: BoxError },
}

/// Sends a request and reads the whole response; with `streaming`, the
/// body of a success is returned unread instead.
async fn round_trip(
    http: &HttpClient,
    request: Request<Full<Bytes>>,
    config: &Config,
    streaming: bool,
) -> Result<(RawResponse, Option<Incoming>), AttemptError> {
    let response = http
        .request(request)
        .await
        .map_err(|e| AttemptError::Transport {
            connect: e.is_connect(),
            error: Box::new(e),
        })?;
    let (parts, body) = response.into_parts();
    if streaming && parts.status.is_success() {
        let head = RawResponse {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: Bytes::new(),
            attempts: 1,
        };
        return Ok((head, Some(body)));
    }
    let limit = config.max_body_size;
    let announced = parts.headers.get(CONTENT_LENGTH).map(|v| v.as_bytes());
    let body = match body_limit::announced_too_large(announced, limit) {
        true => Err(body_limit::too_large(limit)),
        false => body_limit::collect(body, limit).await,
    }
    .map_err(|error| AttemptError::Transport {
        connect: false,
        error,
    })?;
    let response = RawResponse {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
        attempts: 1,
    };
    Ok((response, None))
}

/// The HTTPS client: rustls with the `ring` provider and Mozilla's root
/// certificates, HTTP/1.1, pooled connections.
fn http_client(config: &Config) -> Result<HttpClient, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS could not be set up: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let mut connector = HttpConnector::new();
    connector.enforce_http(false);
    connector.set_nodelay(true);
    connector.set_connect_timeout(Some(config.connect_timeout));
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http1()
        .wrap_connector(connector);
    Ok(Client::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .build(https))
}

/// `ec2-images/0.1.0 os/linux md/arch#x86_64 lang/rust app/name`.
fn user_agent(crate_id: &str, app_name: Option<&str>) -> String {
    let mut agent = format!(
        "{crate_id} os/{} md/arch#{} lang/rust",
        std::env::consts::OS,
        std::env::consts::ARCH,
    );
    if let Some(app) = app_name.filter(|a| !a.is_empty()) {
        agent.push_str(" app/");
        agent.extend(app.chars().map(|c| {
            if c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c) {
                c
            } else {
                '-'
            }
        }));
    }
    agent
}

/// A region name can go into a host name: `us-east-1`.
fn is_region_name(region: &str) -> bool {
    !region.is_empty()
        && !region.starts_with('-')
        && !region.ends_with('-')
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
