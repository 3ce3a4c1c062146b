//! The EC2 query protocol's own response parts: its error document
//! (`<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`).
//!
//! Everything else EC2 query uses (the query writer, the XML reader) is
//! shared with the other query protocols and lives in [`query`](crate::query)
//! and [`xml`](crate::xml).

use crate::xml::{Reader, ServiceError, XmlError};

/// Parses an EC2 error document (`<Response><Errors><Error>...`): the first
/// error's code and message, and the request id.
pub fn parse_error(body: &[u8]) -> Result<ServiceError, XmlError> {
    let mut r = Reader::new(body);
    let root = r.root()?;
    if root != "Response" {
        return Err(r.error(format!(
            "expected an error document (<Response>), found <{root}>"
        )));
    }
    parse_error_from_root(&mut r)
}

/// Reads the children of an error document's `<Response>` root.
pub fn parse_error_from_root(r: &mut Reader<'_>) -> Result<ServiceError, XmlError> {
    const RESPONSE: &[&[u8]] = &[b"Errors", b"RequestID", b"RequestId", b"requestId"];
    const ERRORS: &[&[u8]] = &[b"Error"];
    const ERROR: &[&[u8]] = &[b"Code", b"Message"];
    let mut out = ServiceError::default();
    let mut code = None;
    while let Some(i) = r.next_child(RESPONSE)? {
        match i {
            0 => {
                while let Some(i) = r.next_child(ERRORS)? {
                    if i == 0 && code.is_none() {
                        while let Some(i) = r.next_child(ERROR)? {
                            match i {
                                0 => code = Some(r.read_string()?),
                                1 => out.message = Some(r.read_string()?),
                                _ => r.skip()?,
                            }
                        }
                    } else {
                        r.skip()?;
                    }
                }
            }
            1..=3 => out.request_id = Some(r.read_string()?),
            _ => r.skip()?,
        }
    }
    out.code = code.ok_or_else(|| r.error("the error document has no <Code>"))?;
    Ok(out)
}

/// Moves a reader on an error document into its first `<Error>` element,
/// whose children a generated parser of a modeled error structure then
/// reads. Returns `false` if the document has no `<Error>`.
pub fn enter_first_error(r: &mut Reader<'_>) -> Result<bool, XmlError> {
    let root = r.root()?;
    if root != "Response" {
        return Err(r.error(format!(
            "expected an error document (<Response>), found <{root}>"
        )));
    }
    while let Some(i) = r.next_child(&[b"Errors"])? {
        if i == 0 {
            while let Some(i) = r.next_child(&[b"Error"])? {
                if i == 0 {
                    return Ok(true);
                }
                r.skip()?;
            }
        } else {
            r.skip()?;
        }
    }
    Ok(false)
}
