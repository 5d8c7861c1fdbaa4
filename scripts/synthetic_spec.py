#!/usr/bin/env python3
"""Writes a synthetic OpenAPI 3.0 document with OPS operations (default 1,000), for
benchmarks at a scale no published document in the corpus reaches.

    scripts/synthetic_spec.py OUT.json [OPS] [VARIANT]

Each resource has 5 operations (list, create, get, update, delete) under its own tag, a
model with a dozen properties (strings, numbers, an enum, a date-time, an array, a nested
object, a reference to a parent resource: resource i // 2), a create body and a page. VARIANT (default
0) changes one property's description in the first resource's model, so two documents
that differ in one schema can be compared.
"""
import json
import sys

out = sys.argv[1]
ops = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
variant = int(sys.argv[3]) if len(sys.argv) > 3 else 0
resources = (ops + 4) // 5

paths, schemas, tags = {}, {}, []


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


for i in range(resources):
    name = f"Widget{i}"
    tag = f"widgets_{i}"
    tags.append({"name": tag, "description": f"Operations on widgets of kind {i}."})
    props = {
        "id": {"type": "string", "format": "uuid", "description": "Unique identifier."},
        "name": {"type": "string", "description": "Human-readable name."},
        "description": {"type": "string", "nullable": True},
        "size": {"type": "integer", "format": "int64", "minimum": 0},
        "ratio": {"type": "number", "format": "double"},
        "enabled": {"type": "boolean"},
        "state": {"type": "string", "enum": ["creating", "ready", "failed", "deleted"]},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "tags": {"type": "array", "items": {"type": "string"}},
        "created_at": {"type": "string", "format": "date-time"},
        "limits": {
            "type": "object",
            "properties": {
                "max_items": {"type": "integer"},
                "max_bytes": {"type": "integer", "format": "int64"},
            },
        },
    }
    if i == 0 and variant:
        props["name"]["description"] = f"Human-readable name (revision {variant})."
    if i > 0:
        props["parent"] = ref(f"Widget{i // 2}")
    schemas[name] = {
        "type": "object",
        "description": f"A widget of kind {i}.",
        "required": ["id", "name", "state"],
        "properties": props,
    }
    schemas[f"{name}Create"] = {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "description": {"type": "string"},
            "size": {"type": "integer", "format": "int64"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    schemas[f"{name}Page"] = {
        "type": "object",
        "required": ["items"],
        "properties": {
            "items": {"type": "array", "items": ref(name)},
            "next_page": {"type": "string", "nullable": True},
        },
    }
    one = {"content": {"application/json": {"schema": ref(name)}}}
    error = {"description": "Error", "content": {"application/json": {"schema": ref("Error")}}}
    base = f"/v1/widgets{i}"
    id_param = {"name": "widget_id", "in": "path", "required": True, "schema": {"type": "string"}}
    paths[base] = {
        "get": {
            "operationId": f"list_widgets{i}",
            "tags": [tag],
            "summary": f"List widgets of kind {i}",
            "parameters": [
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                {"name": "page_token", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": {"description": "A page", "content": {"application/json": {"schema": ref(f"{name}Page")}}},
                "default": error,
            },
        },
        "post": {
            "operationId": f"create_widget{i}",
            "tags": [tag],
            "summary": f"Create a widget of kind {i}",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref(f"{name}Create")}}},
            "responses": {"201": {"description": "Created", **one}, "default": error},
        },
    }
    paths[base + "/{widget_id}"] = {
        "parameters": [id_param],
        "get": {
            "operationId": f"get_widget{i}",
            "tags": [tag],
            "summary": f"Fetch a widget of kind {i}",
            "responses": {"200": {"description": "The widget", **one}, "default": error},
        },
        "put": {
            "operationId": f"update_widget{i}",
            "tags": [tag],
            "summary": f"Replace a widget of kind {i}",
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref(name)}}},
            "responses": {"200": {"description": "Updated", **one}, "default": error},
        },
        "delete": {
            "operationId": f"delete_widget{i}",
            "tags": [tag],
            "summary": f"Delete a widget of kind {i}",
            "responses": {"204": {"description": "Deleted"}, "default": error},
        },
    }

schemas["Error"] = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}, "request_id": {"type": "string"}},
}
doc = {
    "openapi": "3.0.3",
    "info": {"title": "Synthetic widgets", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com"}],
    "tags": tags,
    "paths": paths,
    "components": {"schemas": schemas},
}
with open(out, "w") as f:
    json.dump(doc, f, indent=2)
