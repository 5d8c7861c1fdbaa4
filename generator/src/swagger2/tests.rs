//! Unit tests of the Swagger 2.0 converter.

use super::convert;
use crate::error::Location;
use crate::load::Bundle;
use crate::pointer::SourceMap;
use serde_json::{json, Value};

/// A one-file bundle of `doc`, as `load` makes it, from `sw.json`.
fn bundle(doc: Value) -> Bundle {
    let mut sources = SourceMap::default();
    sources.insert(
        String::new(),
        Location {
            file: "sw.json".into(),
            pointer: String::new(),
        },
    );
    Bundle {
        doc,
        sources,
        root: "sw.json".into(),
        warnings: Vec::new(),
    }
}

/// A 2.0 document with these paths and these other top-level members.
fn doc(paths: Value, rest: Value) -> Value {
    let mut doc = json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths});
    for (key, value) in rest.as_object().unwrap() {
        doc[key] = value.clone();
    }
    doc
}

fn converted(doc: Value) -> Bundle {
    let mut bundle = bundle(doc);
    convert(&mut bundle).unwrap();
    bundle
}

fn messages(bundle: &Bundle) -> Vec<String> {
    bundle.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn host_base_path_and_schemes_are_servers() {
    let both = converted(doc(
        json!({}),
        json!({"host": "api.example.com", "basePath": "/v1/", "schemes": ["http", "https", "ws"]}),
    ));
    assert_eq!(both.doc["openapi"], "3.0.3");
    assert_eq!(
        both.doc["servers"],
        json!([{"url": "https://api.example.com/v1"}])
    );
    assert!(both.warnings.is_empty());
    let http = converted(doc(json!({}), json!({"host": "h.io", "schemes": ["http"]})));
    assert_eq!(http.doc["servers"], json!([{"url": "http://h.io"}]));
    let relative = converted(doc(json!({}), json!({"basePath": "/api"})));
    assert_eq!(relative.doc["servers"], json!([{"url": "/api"}]));
    let bare = converted(doc(json!({}), json!({"host": "h.io"})));
    assert_eq!(bare.doc["servers"], json!([{"url": "https://h.io"}]));
    assert_eq!(
        messages(&bare),
        ["sw.json#/host: the document names no `schemes`; assuming `https://h.io`"]
    );
}

#[test]
fn an_operations_own_schemes_give_it_a_server_when_they_leave_out_the_documents() {
    let ops = json!({
        "/plain": {"get": {"schemes": ["http"], "responses": {}}},
        "/both": {"get": {"schemes": ["https", "http"], "responses": {}}},
        "/socket": {"get": {"schemes": ["wss"], "responses": {}}},
        "/inherit": {"get": {"responses": {}}}
    });
    let rest = json!({"host": "api.example.com", "basePath": "/v1", "schemes": ["https"]});
    let bundle = converted(doc(ops, rest));
    let paths = &bundle.doc["paths"];
    assert_eq!(
        paths["/plain"]["get"]["servers"],
        json!([{"url": "http://api.example.com/v1"}])
    );
    for same in ["/both", "/socket", "/inherit"] {
        assert!(paths[same]["get"].get("servers").is_none(), "{same}");
    }
    assert_eq!(
        messages(&bundle),
        [
            "sw.json#/paths/~1socket/get/schemes: the operation names no HTTP scheme (`http`, \
          `https`); sending it with the document's `https`"
        ]
    );
    // Without a host, schemes have nothing to say.
    let bundle = converted(doc(
        json!({"/plain": {"get": {"schemes": ["http"], "responses": {}}}}),
        json!({}),
    ));
    assert!(bundle.doc["paths"]["/plain"]["get"]
        .get("servers")
        .is_none());
}

#[test]
fn a_body_parameter_is_the_request_body_per_consumed_type() {
    let spec = doc(
        json!({"/pets": {"post": {
            "consumes": ["application/json", "application/xml"],
            "parameters": [{"in": "body", "name": "pet", "required": true, "description": "d",
                            "schema": {"$ref": "#/definitions/Pet"}}],
            "responses": {"204": {"description": "done"}}}}}),
        json!({"definitions": {"Pet": {"type": "object", "x-nullable": true,
               "properties": {"kin": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}}}}),
    );
    let bundle = converted(spec);
    let op = &bundle.doc["paths"]["/pets"]["post"];
    assert_eq!(op.get("parameters"), None);
    assert_eq!(
        op["requestBody"],
        json!({"description": "d", "required": true, "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
            "application/xml": {"schema": {"$ref": "#/components/schemas/Pet"}}}})
    );
    let pet = &bundle.doc["components"]["schemas"]["Pet"];
    assert_eq!(pet["nullable"], true);
    assert_eq!(pet.get("x-nullable"), None);
    assert_eq!(
        pet["properties"]["kin"]["items"]["$ref"],
        "#/components/schemas/Pet"
    );
    // Later stages' pointers lead back to the 2.0 document.
    let at = bundle.locate("/paths/~1pets/post/requestBody/content/application~1xml/schema/$ref");
    assert_eq!(
        at.to_string(),
        "sw.json#/paths/~1pets/post/parameters/0/schema/$ref"
    );
    let at = bundle.locate("/components/schemas/Pet/properties/kin");
    assert_eq!(at.to_string(), "sw.json#/definitions/Pet/properties/kin");
}

#[test]
fn form_data_with_a_file_is_a_multipart_object() {
    let spec = doc(
        json!({"/upload": {
            "parameters": [{"in": "formData", "name": "note", "type": "string", "description": "n"}],
            "post": {
            "consumes": ["application/x-www-form-urlencoded", "multipart/form-data"],
            "parameters": [{"in": "formData", "name": "file", "type": "file", "required": true}],
            "responses": {"200": {"description": "ok"}}}}}),
        json!({}),
    );
    let bundle = converted(spec);
    let body = &bundle.doc["paths"]["/upload"]["post"]["requestBody"];
    assert_eq!(
        body,
        &json!({"required": true, "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {"note": {"type": "string", "description": "n"},
                           "file": {"type": "string", "format": "binary"}},
            "required": ["file"]}}}})
    );
    let at = bundle.locate(
        "/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/note/type",
    );
    assert_eq!(at.to_string(), "sw.json#/paths/~1upload/parameters/0/type");
    assert!(bundle.warnings.is_empty());
}

#[test]
fn form_data_without_a_form_type_is_urlencoded_with_a_warning() {
    let spec = doc(
        json!({"/f": {"post": {"consumes": ["application/json"],
            "parameters": [{"in": "formData", "name": "a", "type": "integer"}],
            "responses": {"200": {"description": "ok"}}}}}),
        json!({}),
    );
    let bundle = converted(spec);
    let content = &bundle.doc["paths"]["/f"]["post"]["requestBody"]["content"];
    assert!(
        content.get("application/x-www-form-urlencoded").is_some(),
        "{content}"
    );
    assert_eq!(
        bundle.doc["paths"]["/f"]["post"]["requestBody"]["required"],
        false
    );
    assert_eq!(messages(&bundle).len(), 1);
    assert!(messages(&bundle)[0].starts_with("sw.json#/paths/~1f/post/consumes: "));
}

#[test]
fn collection_formats_are_styles() {
    let param = |name: &str, format: Option<&str>| {
        let mut p =
            json!({"in": "query", "name": name, "type": "array", "items": {"type": "string"}});
        if let Some(format) = format {
            p["collectionFormat"] = format.into();
        }
        p
    };
    let spec = doc(
        json!({"/q": {"get": {"parameters": [
            param("none", None), param("csv", Some("csv")), param("ssv", Some("ssv")),
            param("pipes", Some("pipes")), param("multi", Some("multi")), param("tsv", Some("tsv")),
            {"in": "header", "name": "h", "type": "array", "items": {"type": "integer"}, "collectionFormat": "pipes"},
            {"in": "query", "name": "n", "type": "integer", "format": "int32", "minimum": 1, "default": 5, "x-example": 7},
        ], "responses": {"200": {"description": "ok"}}}}}),
        json!({}),
    );
    let bundle = converted(spec);
    let params = bundle.doc["paths"]["/q"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    let styles: Vec<(Value, Value)> = params
        .iter()
        .map(|p| (p["style"].clone(), p["explode"].clone()))
        .collect();
    let (form, space, pipe) = (
        json!("form"),
        json!("spaceDelimited"),
        json!("pipeDelimited"),
    );
    assert_eq!(
        styles,
        [
            (form.clone(), json!(false)),
            (form.clone(), json!(false)),
            (space, json!(false)),
            (pipe, json!(false)),
            (form.clone(), json!(true)),
            (form, json!(false)),
            (Value::Null, Value::Null),
            (Value::Null, Value::Null),
        ]
    );
    assert_eq!(
        params[7],
        json!({"name": "n", "in": "query", "schema": {"type": "integer", "format": "int32",
               "default": 5, "minimum": 1}, "example": 7})
    );
    assert_eq!(
        params[0]["schema"],
        json!({"type": "array", "items": {"type": "string"}})
    );
    let warnings = messages(&bundle);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0]
        .starts_with("sw.json#/paths/~1q/get/parameters/5/collectionFormat: tab-separated"));
    assert!(warnings[1].contains("`pipes` has no OpenAPI 3 style in a header parameter"));
}

#[test]
fn parameter_refs_are_followed_and_operations_override_the_path_item() {
    let spec = doc(
        json!({"/items/{id}": {
            "parameters": [{"$ref": "#/parameters/Id"}, {"in": "query", "name": "q", "type": "string"}],
            "get": {"parameters": [{"in": "query", "name": "q", "type": "integer"}, {"$ref": "#/parameters/Body"}],
                    "responses": {"200": {"$ref": "#/responses/Found"}}}}}),
        json!({
            "parameters": {"Id": {"in": "path", "name": "id", "type": "string"},
                           "Body": {"in": "body", "name": "b", "schema": {"type": "string"}}},
            "responses": {"Found": {"description": "found", "schema": {"$ref": "#/definitions/Item"}}},
            "definitions": {"Item": {"type": "object"}}
        }),
    );
    let bundle = converted(spec);
    let op = &bundle.doc["paths"]["/items/{id}"]["get"];
    assert_eq!(
        op["parameters"],
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
               {"name": "q", "in": "query", "schema": {"type": "integer"}}])
    );
    assert_eq!(bundle.doc["paths"]["/items/{id}"].get("parameters"), None);
    assert_eq!(
        op["requestBody"]["content"]["application/json"]["schema"],
        json!({"type": "string"})
    );
    assert_eq!(
        op["responses"]["200"],
        json!({"description": "found", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}})
    );
    let at = bundle.locate("/paths/~1items~1{id}/get/parameters/0/schema/type");
    assert_eq!(at.to_string(), "sw.json#/parameters/Id/type");
    let at =
        bundle.locate("/paths/~1items~1{id}/get/responses/200/content/application~1json/schema");
    assert_eq!(at.to_string(), "sw.json#/responses/Found/schema");
}

#[test]
fn a_dangling_parameter_ref_is_an_error_at_the_ref() {
    let spec = doc(
        json!({"/a": {"get": {"parameters": [{"$ref": "#/parameters/Nope"}], "responses": {}}}}),
        json!({}),
    );
    let mut bundle = bundle(spec);
    let err = convert(&mut bundle).unwrap_err().to_string();
    assert!(
        err.starts_with("sw.json#/paths/~1a/get/parameters/0/$ref: "),
        "{err}"
    );
    assert!(err.contains("#/parameters/Nope"), "{err}");
}

#[test]
fn responses_get_content_per_produced_type() {
    let spec = doc(
        json!({"/r": {"get": {"produces": ["application/json", "text/csv"], "responses": {
            "200": {"description": "ok", "schema": {"type": "string"},
                    "examples": {"text/csv": "a,b", "application/json": "x"},
                    "headers": {"X-Rate": {"type": "integer", "description": "left"}}},
            "default": {"description": "err"}}},
            "delete": {"responses": {"200": {"description": "bytes", "schema": {"type": "file"}}}}}}),
        json!({"produces": ["application/json"]}),
    );
    let bundle = converted(spec);
    let ok = &bundle.doc["paths"]["/r"]["get"]["responses"]["200"];
    assert_eq!(
        ok,
        &json!({"description": "ok",
                "headers": {"X-Rate": {"description": "left", "schema": {"type": "integer"}}},
                "content": {"application/json": {"schema": {"type": "string"}, "example": "x"},
                            "text/csv": {"schema": {"type": "string"}, "example": "a,b"}}})
    );
    assert_eq!(
        bundle.doc["paths"]["/r"]["get"]["responses"]["default"],
        json!({"description": "err"})
    );
    let file = &bundle.doc["paths"]["/r"]["delete"]["responses"]["200"]["content"];
    assert_eq!(
        file,
        &json!({"*/*": {"schema": {"type": "string", "format": "binary"}}})
    );
    let warnings = messages(&bundle);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0]
        .starts_with("sw.json#/paths/~1r/delete/responses/200/schema/type: a file response"));
}

#[test]
fn security_definitions_are_schemes() {
    let spec = doc(
        json!({"/s": {"get": {"security": [{"key": []}], "responses": {"200": {"description": "ok"}}}}}),
        json!({
            "security": [{"basic": []}],
            "securityDefinitions": {
                "basic": {"type": "basic", "description": "b"},
                "key": {"type": "apiKey", "name": "X-Key", "in": "header"},
                "implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": {"r": "read"}},
                "password": {"type": "oauth2", "flow": "password", "tokenUrl": "https://t"},
                "app": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {}},
                "code": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {}},
                "broken": {"type": "oauth2", "flow": "application"}
            }
        }),
    );
    let bundle = converted(spec);
    let schemes = &bundle.doc["components"]["securitySchemes"];
    assert_eq!(
        schemes["basic"],
        json!({"type": "http", "scheme": "basic", "description": "b"})
    );
    assert_eq!(
        schemes["key"],
        json!({"type": "apiKey", "name": "X-Key", "in": "header"})
    );
    assert_eq!(
        schemes["implicit"]["flows"],
        json!({"implicit": {"authorizationUrl": "https://a", "scopes": {"r": "read"}}})
    );
    assert_eq!(
        schemes["password"]["flows"],
        json!({"password": {"tokenUrl": "https://t", "scopes": {}}})
    );
    assert_eq!(
        schemes["app"]["flows"],
        json!({"clientCredentials": {"tokenUrl": "https://t", "scopes": {}}})
    );
    assert_eq!(
        schemes["code"]["flows"]["authorizationCode"]["tokenUrl"],
        "https://t"
    );
    assert_eq!(schemes.get("broken"), None);
    assert_eq!(
        messages(&bundle),
        ["sw.json#/securityDefinitions/broken: an OAuth2 `application` flow needs `tokenUrl`; the scheme is left out"]
    );
    assert_eq!(bundle.doc["security"], json!([{"basic": []}]));
    assert_eq!(
        bundle.doc["paths"]["/s"]["get"]["security"],
        json!([{"key": []}])
    );
}

#[test]
fn other_swagger_versions_and_bad_shapes_are_errors() {
    let mut old = bundle(json!({"swagger": "1.2", "paths": {}}));
    let err = convert(&mut old).unwrap_err().to_string();
    assert!(
        err.starts_with("sw.json#/swagger: unsupported: Swagger version \"1.2\""),
        "{err}"
    );
    let mut paths = bundle(doc(json!([]), json!({})));
    let err = convert(&mut paths).unwrap_err().to_string();
    assert!(err.starts_with("sw.json#/paths: "), "{err}");
    let mut op = bundle(doc(json!({"/a": {"get": 3}}), json!({})));
    let err = convert(&mut op).unwrap_err().to_string();
    assert!(err.starts_with("sw.json#/paths/~1a/get: "), "{err}");
    let mut loop_ = bundle(doc(
        json!({"/a": {"get": {"parameters": [{"$ref": "#/parameters/A"}]}}}),
        json!({"parameters": {"A": {"$ref": "#/parameters/A"}}}),
    ));
    assert!(convert(&mut loop_)
        .unwrap_err()
        .to_string()
        .contains("a loop?"));
}

#[test]
fn a_2_0_document_in_several_files_points_into_each() {
    let dir = std::env::temp_dir().join(format!("ocg-swagger2-files-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (
            "sw.json",
            r##"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
                "parameters": [{"$ref": "params.json#/words"}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "defs.json#/Node"}}}}}}}"##,
        ),
        (
            "params.json",
            r#"{"words": {"in": "query", "name": "w", "type": "array", "items": {"type": "string"}, "collectionFormat": "tsv"}}"#,
        ),
        (
            "defs.json",
            r##"{"Node": {"type": "object", "properties": {"next": {"$ref": "#/Node"}}}}"##,
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let spec = crate::resolve::resolve(crate::load::load(&dir.join("sw.json")).unwrap()).unwrap();
    let warnings: Vec<String> = spec.bundle.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("params.json#/words/collectionFormat: tab-separated"),
        "{warnings:?}"
    );
    assert_eq!(
        spec.doc["components"]["schemas"]["Node"]["properties"]["next"]["$ref"],
        "#/components/schemas/Node"
    );
    let at = spec.locate("/components/schemas/Node/properties/next");
    assert!(
        at.to_string().ends_with("defs.json#/Node/properties/next"),
        "{at}"
    );
}
