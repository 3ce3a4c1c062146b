//! The AWS query protocol's own response parts: its error document
//! (`<ErrorResponse><Error><Type/><Code/><Message/>...</Error><RequestId/></ErrorResponse>`).
//!
//! Everything else awsQuery uses (the query writer, the XML reader) is
//! shared with the other query protocols and lives in [`query`](crate::query)
//! and [`xml`](crate::xml).

use crate::xml::{Reader, ServiceError, XmlError};

/// The root element of an error document.
const ROOT: &str = "ErrorResponse";

/// Parses an awsQuery error document (`<ErrorResponse><Error>...`): the
/// error's code and message, and the request id.
pub fn parse_error(body: &[u8]) -> Result<ServiceError, XmlError> {
    let mut r = Reader::new(body);
    enter_root(&mut r)?;
    parse_error_from_root(&mut r)
}

/// Reads the children of an error document's `<ErrorResponse>` root.
pub fn parse_error_from_root(r: &mut Reader<'_>) -> Result<ServiceError, XmlError> {
    const RESPONSE: &[&[u8]] = &[b"Error", b"RequestId", b"RequestID", b"requestId"];
    const ERROR: &[&[u8]] = &[b"Code", b"Message"];
    let mut out = ServiceError::default();
    let mut code = None;
    while let Some(i) = r.next_child(RESPONSE)? {
        match i {
            0 if code.is_none() => {
                while let Some(i) = r.next_child(ERROR)? {
                    match i {
                        0 => code = Some(r.read_string()?),
                        1 => out.message = Some(r.read_string()?),
                        _ => r.skip()?,
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

/// Moves a reader on an error document into its `<Error>` element, whose
/// children a generated parser of a modeled error structure then reads.
/// Returns `false` if the document has no `<Error>`.
pub fn enter_first_error(r: &mut Reader<'_>) -> Result<bool, XmlError> {
    enter_root(r)?;
    while let Some(i) = r.next_child(&[b"Error"])? {
        if i == 0 {
            return Ok(true);
        }
        r.skip()?;
    }
    Ok(false)
}

fn enter_root(r: &mut Reader<'_>) -> Result<(), XmlError> {
    let root = r.root()?;
    if root != ROOT {
        return Err(r.error(format!(
            "expected an error document (<{ROOT}>), found <{root}>"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &[u8] = b"<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\
        <Error><Type>Sender</Type><Code>NoSuchEntity</Code>\
        <Message>The user with name x cannot be found.</Message></Error>\
        <RequestId>r-1</RequestId></ErrorResponse>";

    #[test]
    fn the_code_message_and_request_id_are_read() {
        let e = parse_error(DOC).unwrap();
        assert_eq!(e.code, "NoSuchEntity");
        assert_eq!(
            e.message.as_deref(),
            Some("The user with name x cannot be found.")
        );
        assert_eq!(e.request_id.as_deref(), Some("r-1"));
    }

    #[test]
    fn the_error_element_is_entered_for_modeled_errors() {
        let mut r = Reader::new(DOC);
        assert!(enter_first_error(&mut r).unwrap());
        assert_eq!(r.next_child(&[b"Type"]).unwrap(), Some(0));
    }

    #[test]
    fn other_documents_are_errors_naming_what_was_found() {
        let e = parse_error(b"<Response><Errors/></Response>").unwrap_err();
        assert!(e.to_string().contains("<Response>"), "{e}");
        let e = parse_error(b"<ErrorResponse><Error><Message>m</Message></Error></ErrorResponse>")
            .unwrap_err();
        assert!(e.to_string().contains("no <Code>"), "{e}");
    }
}
