#!/usr/bin/env python3
"""Writes a synthetic OpenAPI 3.0 document with N operations to stdout, for the generator's
scaling benchmarks (benches/pipeline.rs).

    scripts/synth_spec.py 1000 > /tmp/ops-1000.json
    scripts/synth_spec.py 1000 1 > /tmp/ops-1000-b.json    # VARIANT 1

VARIANT (default 0) changes one property's description in the first resource's model, so two
documents that differ in one schema can be compared (scripts/bench_regeneration.sh).

The document is shaped like a real vendor API: resources of five operations each
(list, create, get, update, delete) on `/v1/<resource>s` and `/v1/<resource>s/{id}`, with
path-level and query parameters (one of them an enum), JSON request bodies and responses that
`$ref` component schemas, a string enum and an inline nested object per resource, shared
error responses under `components/responses`, and one tag per ten resources. Everything is
deterministic: the same N always gives the same bytes. Cost should grow linearly in N.
"""

import json
import sys

WORDS = [
    "account", "invoice", "contact", "campaign", "template", "domain", "webhook", "segment",
    "sender", "report", "alert", "schedule", "token", "member", "profile", "address",
]
STATUSES = ["active", "pending", "suspended", "archived"]


def resource_name(i):
    return f"{WORDS[i % len(WORDS)]}{i}"


def camel(name):
    return name[0].upper() + name[1:]


def schemas_for(res):
    c = camel(res)
    status = {
        "title": f"{c} Status",
        "description": f"The lifecycle state of a {res}.",
        "type": "string",
        "enum": STATUSES,
    }
    props = {
        "name": {"type": "string", "description": f"The display name of the {res}."},
        "enabled": {"type": "boolean", "description": "Whether it is in use."},
        "priority": {"type": "integer", "format": "int32", "minimum": 0, "description": "Lower runs first."},
        "score": {"type": "number", "description": "A weight between 0 and 1."},
        "status": {"$ref": f"#/components/schemas/{c}Status"},
        "labels": {"type": "array", "items": {"type": "string"}, "description": "Free-form labels."},
        "note": {"type": "string", "nullable": True, "description": "A note, or null."},
    }
    request = {
        "title": f"{c} Request",
        "description": f"The writable fields of a {res}.",
        "type": "object",
        "required": ["name"],
        "properties": props,
    }
    full_props = {
        "id": {"type": "string", "description": f"The ID of the {res}."},
        **props,
        "owner": {
            "type": "object",
            "description": "Who owns it.",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "email": {"type": "string", "format": "email"},
            },
        },
        "created_at": {"type": "integer", "description": "A Unix timestamp."},
    }
    entity = {
        "title": c,
        "description": f"A {res}.",
        "type": "object",
        "required": ["id", "name", "status", "created_at"],
        "properties": full_props,
    }
    return {f"{c}Status": status, f"{c}Request": request, c: entity}


def json_content(ref):
    return {"application/json": {"schema": {"$ref": ref}}}


ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "404": {"$ref": "#/components/responses/NotFound"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
}


def operations_for(res, tag, count):
    """Up to five operations on one resource, as two path items."""
    c = camel(res)
    entity = f"#/components/schemas/{c}"
    request = {"$ref": f"#/components/requestBodies/{c}Body"}
    ops = [
        ("collection", "get", {
            "operationId": f"List{c}s",
            "summary": f"List {res}s",
            "description": f"Returns a page of {res}s, newest first.",
            "tags": [tag],
            "parameters": [
                {"name": "limit", "in": "query", "description": "Page size.",
                 "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
                {"name": "offset", "in": "query", "description": "Items to skip.",
                 "schema": {"type": "integer", "minimum": 0}},
                {"name": "status", "in": "query", "description": "Only items in this state.",
                 "schema": {"type": "string", "enum": STATUSES}},
            ],
            "responses": {
                "200": {"description": f"The {res}s.", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": entity}}}}},
                **ERRORS,
            },
        }),
        ("collection", "post", {
            "operationId": f"Create{c}",
            "summary": f"Create a {res}",
            "tags": [tag],
            "requestBody": request,
            "responses": {
                "201": {"description": f"The new {res}.", "content": json_content(entity)},
                **ERRORS,
            },
        }),
        ("item", "get", {
            "operationId": f"Get{c}",
            "summary": f"Get a {res}",
            "tags": [tag],
            "parameters": [
                {"name": "expand", "in": "query", "description": "Include the owner.",
                 "schema": {"type": "boolean"}},
            ],
            "responses": {
                "200": {"description": f"The {res}.", "content": json_content(entity)},
                **ERRORS,
            },
        }),
        ("item", "patch", {
            "operationId": f"Update{c}",
            "summary": f"Update a {res}",
            "tags": [tag],
            "parameters": [
                {"name": "If-Match", "in": "header", "description": "The expected ETag.",
                 "schema": {"type": "string"}},
            ],
            "requestBody": request,
            "responses": {
                "200": {"description": f"The updated {res}.", "content": json_content(entity)},
                **ERRORS,
            },
        }),
        ("item", "delete", {
            "operationId": f"Delete{c}",
            "summary": f"Delete a {res}",
            "tags": [tag],
            "responses": {"204": {"description": "Deleted."}, **ERRORS},
        }),
    ][:count]
    collection, item = {}, {
        "parameters": [{"name": "id", "in": "path", "required": True,
                        "description": f"The ID of the {res}.", "schema": {"type": "string"}}],
    }
    for where, method, op in ops:
        (collection if where == "collection" else item)[method] = op
    paths = {f"/v1/{res}s": collection}
    if len(item) > 1:
        paths[f"/v1/{res}s/{{id}}"] = item
    return paths


def error_response(description):
    return {"description": description, "content": json_content("#/components/schemas/ErrorList")}


def spec(n, variant=0):
    paths, schemas, bodies, tags = {}, {}, {}, []
    resources = (n + 4) // 5
    for i in range(resources):
        res = resource_name(i)
        tag = f"Group {i // 10}"
        if not tags or tags[-1]["name"] != tag:
            tags.append({"name": tag, "description": f"Resources {i} to {i + 9}."})
        paths.update(operations_for(res, tag, min(5, n - 5 * i)))
        own = schemas_for(res)
        if i == 0 and variant:
            own[camel(res)]["properties"]["name"] = {
                "type": "string", "description": f"The display name (revision {variant})."}
        schemas.update(own)
        bodies[f"{camel(res)}Body"] = {
            "description": f"The {res} to write.",
            "required": True,
            "content": json_content(f"#/components/schemas/{camel(res)}Request"),
        }
    schemas["ErrorList"] = {
        "description": "Why a request failed.",
        "type": "object",
        "required": ["errors"],
        "properties": {"errors": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "message": {"type": "string"},
                "field": {"type": "string", "nullable": True},
            },
        }}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Synthetic API ({n} operations)", "version": "1.0.0",
                 "description": "A generated document for benchmarks."},
        "servers": [{"url": "https://api.example.com"}],
        "tags": tags,
        "paths": paths,
        "components": {
            "schemas": schemas,
            "requestBodies": bodies,
            "responses": {
                "BadRequest": error_response("Bad request."),
                "Unauthorized": error_response("Missing or bad credentials."),
                "NotFound": error_response("No such item."),
                "TooManyRequests": error_response("Rate limited."),
            },
            "securitySchemes": {"BearerAuth": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"BearerAuth": []}],
    }


def main():
    args = sys.argv[1:]
    if not 1 <= len(args) <= 2 or not all(a.isdigit() for a in args) or int(args[0]) < 1:
        sys.exit("usage: synth_spec.py N [VARIANT]  (N >= 1 operations; the document goes to stdout)")
    variant = int(args[1]) if len(args) > 1 else 0
    json.dump(spec(int(args[0]), variant), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
