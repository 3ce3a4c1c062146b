//! What an answer says besides its output or error document: the request
//! id, the HTTP status and headers, and how many attempts the request took
//! (boto3's `ResponseMetadata`).

/// The metadata of an answer: on every [`Response`](crate::operation::Response)
/// and, field by field, on every service error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ResponseMetadata {
    /// The request id (EC2's `requestId` in the body, else the
    /// `x-amzn-requestid` header), if the service sent one.
    pub request_id: Option<String>,
    /// The HTTP status of the answer (0 when not known, e.g. for an error
    /// document read from bytes alone).
    pub status: u16,
    /// The HTTP headers of the answer.
    pub headers: Headers,
    /// How many attempts the request took, the last included (0 when not
    /// known).
    pub attempts: u32,
}

impl ResponseMetadata {
    /// Metadata with a request id and nothing else known.
    pub fn with_request_id(request_id: Option<String>) -> Self {
        ResponseMetadata {
            request_id,
            ..ResponseMetadata::default()
        }
    }

    /// The metadata of an answer.
    pub fn new(request_id: Option<String>, status: u16, headers: Headers, attempts: u32) -> Self {
        ResponseMetadata {
            request_id,
            status,
            headers,
            attempts,
        }
    }
}

/// HTTP headers, in the order they arrived, with names in lower case;
/// values that are not text are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// Headers from (name, value) pairs; names are kept in lower case.
    pub fn new<N: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (N, V)>) -> Self {
        Headers(
            pairs
                .into_iter()
                .map(|(n, v)| (n.into().to_ascii_lowercase(), v.into()))
                .collect(),
        )
    }

    /// The first value of a header, by name in any case.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every (name, value), in the order they arrived.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The number of headers.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_match_in_any_case() {
        let headers = Headers::new([("X-Amzn-RequestId", "r-1"), ("content-type", "text/xml")]);
        assert_eq!(headers.get("x-amzn-requestid"), Some("r-1"));
        assert_eq!(headers.get("Content-Type"), Some("text/xml"));
        assert_eq!(headers.get("date"), None);
        assert_eq!(headers.iter().next(), Some(("x-amzn-requestid", "r-1")));
        assert_eq!(headers.len(), 2);
    }
}
