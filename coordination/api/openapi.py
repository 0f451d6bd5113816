"""The OpenAPI 3.1 description of /api/v1/ (served at /api/v1/openapi.json)."""
from __future__ import annotations

from flask import request

from coordination.analysis import RULES
from coordination.models import ActorStatus, BodyKind, ContributionKind, ContributionStatus, CooperationKind

FINDING_RULES = list(RULES)  # every registered gap rule, in the order of docs/domain.md


def _values(choice) -> list[str]:
    return [member.value for member in choice]


def _param(name: str, description: str, schema: dict, where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


PAGE_PARAMETERS = [
    _param("page", "Seite, ab 1", {"type": "integer", "minimum": 1, "default": 1}),
    _param("per_page", "Einträge je Seite", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}),
]
COMMITMENT_PARAMETER = _param("commitment", "Nummer der Selbstverpflichtung (1–10)",
                              {"type": "integer", "minimum": 1, "maximum": 10})
DATE_PARAMETER = _param("date", "Stichtag (Standard: heute)", {"type": "string", "format": "date"})

REF = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
       "required": ["id", "name"]}
KEYED_REF = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                              "key": {"type": ["string", "null"]}}}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}

SCHEMAS = {
    "Ref": REF,
    "KeyedRef": KEYED_REF,
    "Error": {"type": "object", "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
              "required": ["error"]},
    "Actor": {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "type": {"$ref": "#/components/schemas/KeyedRef"},
        "migrant_led": {"type": "boolean"}, "municipal": {"type": "boolean"},
        "status": {"type": "string", "enum": _values(ActorStatus)},
        "description": {"type": "string"}, "address": {"type": "string"}, "whole_commune": {"type": "boolean"},
        "districts": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
        "website": {"type": "string"}, "email": {"type": "string", "description": "Funktionsadresse"},
        "phone": {"type": "string"},
        "target_groups": {"type": "array", "items": {"$ref": "#/components/schemas/KeyedRef"}},
        "fields_of_action": {"type": "array", "items": {"$ref": "#/components/schemas/KeyedRef"}},
        "languages": {"type": "array", "items": {"$ref": "#/components/schemas/KeyedRef"}},
        "last_reviewed": NULLABLE_DATE, "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
    }, "required": ["id", "name", "type", "status"]},
    "ActorDetail": {"allOf": [{"$ref": "#/components/schemas/Actor"}, {"type": "object", "properties": {
        "contributions": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "commitment": {"type": "integer"},
            "status": {"type": "string"}, "lead": {"type": "boolean"}}}},
        "cooperations": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "partner": {"$ref": "#/components/schemas/Ref"},
            "kind": {"type": "string"}, "start": NULLABLE_DATE, "end": NULLABLE_DATE,
            "intensity": {"type": "integer"}}}},
        "bodies": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
            "lead": {"type": "boolean"}}}},
    }}]},
    "Contribution": {"type": "object", "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "commitment": {"type": "integer"},
        "kind": {"type": "string", "enum": _values(ContributionKind)},
        "field_of_action": {"oneOf": [{"$ref": "#/components/schemas/KeyedRef"}, {"type": "null"}]},
        "status": {"type": "string", "enum": _values(ContributionStatus)},
        "start": NULLABLE_DATE, "end": NULLABLE_DATE, "description": {"type": "string"},
        "whole_commune": {"type": "boolean"},
        "lead": {"oneOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}]},
        "partners": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
        "target_groups": {"type": "array", "items": {"$ref": "#/components/schemas/KeyedRef"}},
        "districts": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
        "languages": {"type": "array", "items": {"$ref": "#/components/schemas/KeyedRef"}},
        "last_reviewed": NULLABLE_DATE, "updated_at": {"type": "string", "format": "date-time"},
    }},
    "Cooperation": {"type": "object", "properties": {
        "id": {"type": "integer"}, "actor_a": {"$ref": "#/components/schemas/Ref"},
        "actor_b": {"$ref": "#/components/schemas/Ref"},
        "kind": {"type": "string", "enum": _values(CooperationKind)},
        "start": NULLABLE_DATE, "end": NULLABLE_DATE,
        "intensity": {"type": "integer", "minimum": 1, "maximum": 3},
        "written_agreement": {"type": "boolean"}, "note": {"type": "string"},
        "commitments": {"type": "array", "items": {"type": "integer"}}, "active": {"type": "boolean"},
    }},
    "Body": {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"},
        "kind": {"type": "string", "enum": _values(BodyKind)}, "active": {"type": "boolean"},
        "description": {"type": "string"},
        "lead_actor": {"oneOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}]},
        "members": {"type": "array", "items": {"type": "object", "properties": {
            "actor": {"$ref": "#/components/schemas/Ref"}, "role": {"type": "string"},
            "since": NULLABLE_DATE, "until": NULLABLE_DATE}}},
    }},
    "Count": {"type": "object", "properties": {
        "id": {"type": ["integer", "null"]}, "name": {"type": ["string", "null"]},
        "contributions": {"type": "integer"}, "actors": {"type": "integer"}}},
    "Coverage": {"type": "object", "properties": {
        "reference_date": {"type": "string", "format": "date"},
        "items": {"type": "array", "items": {"type": "object", "properties": {
            "commitment": {"type": "integer"}, "title": {"type": "string"},
            "contributions": {"type": "integer"}, "planned_contributions": {"type": "integer"},
            "actors": {"type": "integer"}, "actor_ids": {"type": "array", "items": {"type": "integer"}},
            "migrant_led_actors": {"type": "integer"}, "connected": {"type": "boolean"},
            "islands": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}},
            "by_actor_type": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
            "by_district": {"type": "array", "items": {"$ref": "#/components/schemas/Count"},
                            "description": "id null = ganze Kommune"},
            "by_target_group": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
            "by_field_of_action": {"type": "array", "items": {"$ref": "#/components/schemas/Count"}},
        }}}}},
    "Finding": {"type": "object", "properties": {
        "rule": {"type": "string", "enum": FINDING_RULES},
        "severity": {"type": "string", "enum": ["hoch", "mittel", "niedrig"]},
        "commitment": {"type": ["integer", "null"]}, "title": {"type": "string"},
        "detail": {"type": "string"},
        "actors": {"type": "array", "items": {"type": "string"}, "description": "Namen"},
        "districts": {"type": "array", "items": {"type": "string"}, "description": "Namen"},
        "target_groups": {"type": "array", "items": {"type": "string"}, "description": "Namen"},
        "status": {"type": "string", "enum": ["open", "accepted"],
                   "description": "accepted: von der Koordination mit Begründung akzeptiert"},
        "upkeep": {"type": "boolean",
                   "description": "Datenpflege: ein zu prüfender Eintrag, keine Lücke der "
                                  "Integrationsarbeit"},
    }, "required": ["rule", "severity", "commitment", "title", "detail", "actors", "districts", "status",
                    "upkeep"]},
    "Metrics": {"type": "object", "properties": {
        "degree": {"type": "integer"}, "betweenness": {"type": "number"},
        "articulation_point": {"type": "boolean"}, "community": {"type": ["integer", "null"]},
        "constraint": {"type": ["number", "null"]}}},
    "Network": {"type": "object", "description": "node-link JSON (networkx.node_link_graph(..., edges='edges'))",
                "properties": {
        "directed": {"type": "boolean"}, "multigraph": {"type": "boolean"},
        "graph": {"type": "object", "properties": {"reference_date": {"type": "string", "format": "date"}}},
        "nodes": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "name": {"type": "string"}, "type": {"type": "string"},
            "type_key": {"type": ["string", "null"]}, "migrant_led": {"type": "boolean"},
            "municipal": {"type": "boolean"}, "status": {"type": "string"},
            "whole_commune": {"type": "boolean"},
            "districts": {"type": "array", "items": {"type": "string"}},
            "commitments": {"type": "array", "items": {"type": "integer"}},
            "metrics": {"oneOf": [{"$ref": "#/components/schemas/Metrics"}, {"type": "null"}]}}}},
        "edges": {"type": "array", "items": {"type": "object", "properties": {
            "source": {"type": "integer"}, "target": {"type": "integer"}, "weight": {"type": "integer"},
            "kinds": {"type": "array", "items": {"type": "string"}},
            "cooperations": {"type": "array", "items": {"type": "integer"}}}}},
    }},
}


SCHEMAS["Indicator"] = {"type": "object", "required": ["id", "key", "name", "unit", "values"],
                        "properties": {
    "id": {"type": "integer"}, "key": {"type": ["string", "null"],
                                       "description": "Schlüssel der vorgegebenen Indikatoren"},
    "name": {"type": "string"}, "unit": {"type": "string"}, "source": {"type": "string"},
    "note": {"type": "string"},
    "values": {"type": "array", "items": {"type": "object", "required": ["year", "value", "district"],
                                          "properties": {
        "year": {"type": "integer"}, "value": {"type": "number"},
        "district": {"oneOf": [{"$ref": "#/components/schemas/Ref"}, {"type": "null"}],
                     "description": "Stadtteil, Gemeinde oder Ortsteil (je nach Art der Kommune); null für die ganze Kommune"}}}}}}


def _page_of(schema: str) -> dict:
    return {"type": "object", "required": ["items", "total", "page", "per_page"], "properties": {
        "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
        "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"}}}


def _get(summary: str, schema: dict, parameters: list | None = None, *, not_found: bool = False) -> dict:
    responses = {
        "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
    }
    if not_found:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    return {"get": {"summary": summary, "parameters": parameters or [], "responses": responses}}


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document() -> dict:
    server = request.host_url.rstrip("/") + "/api/v1" if request else "/api/v1"
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Integrationsnetz – Lese-Schnittstelle",
            "version": "1",
            "description": (
                "Nur lesender Zugriff auf Akteure, Angebote, Kooperationen, Gremien, die Abdeckung "
                "der zehn Selbstverpflichtungen, die Befunde der Lückenanalyse, das Netzwerk mit "
                "Kennzahlen und die Indikatoren des Integrationsmonitorings. Anmeldung über die Sitzung der Weboberfläche oder ein persönliches "
                "API-Token (Mein Konto → API-Tokens) als `Authorization: Bearer <token>`. "
                "Kontaktpersonen werden über die Schnittstelle nie ausgegeben."),
        },
        "servers": [{"url": server}],
        "security": [{"bearerToken": []}, {"session": []}],
        "paths": {
            "/": _get("Übersicht der Endpunkte", {"type": "object"}),
            "/openapi.json": _get("Diese Beschreibung (OpenAPI 3.1)", {"type": "object"}),
            "/actors": _get("Akteure (gefiltert, seitenweise)", _page_of("Actor"), [
                _param("type", "Akteurstyp: Nummer oder Schlüssel (z. B. jobcenter, mso)", {"type": "string"}),
                _param("district", "Stadtteil, Gemeinde oder Ortsteil: Nummer oder Name (Akteure der ganzen Kommune eingeschlossen)",
                       {"type": "string"}),
                COMMITMENT_PARAMETER,
                _param("mso", "nur Migrantenorganisationen (true) oder keine (false)", {"type": "boolean"}),
                _param("status", "Status", {"type": "string", "enum": _values(ActorStatus)}),
                _param("q", "Suche in Name, Beschreibung, Anschrift, Typ", {"type": "string"}),
                *PAGE_PARAMETERS]),
            "/actors/{actor_id}": _get(
                "Ein Akteur mit Angeboten, Kooperationen und Gremien",
                {"$ref": "#/components/schemas/ActorDetail"},
                [_param("actor_id", "Nummer des Akteurs", {"type": "integer"}, "path", True)], not_found=True),
            "/contributions": _get("Angebote (seitenweise)", _page_of("Contribution"), [
                COMMITMENT_PARAMETER,
                _param("status", "Status", {"type": "string", "enum": _values(ContributionStatus)}),
                _param("kind", "Art", {"type": "string", "enum": _values(ContributionKind)}),
                _param("actor", "beteiligter Akteur (Nummer)", {"type": "integer"}),
                *PAGE_PARAMETERS]),
            "/cooperations": _get("Kooperationen (seitenweise)", _page_of("Cooperation"), [
                _param("actor", "beteiligter Akteur (Nummer)", {"type": "integer"}),
                _param("kind", "Art", {"type": "string", "enum": _values(CooperationKind)}),
                _param("active", "nur heute aktive Kooperationen", {"type": "boolean"}),
                _param("active_on", "nur an diesem Tag aktive Kooperationen", {"type": "string", "format": "date"}),
                COMMITMENT_PARAMETER, DATE_PARAMETER, *PAGE_PARAMETERS]),
            "/bodies": _get("Gremien mit Mitgliedern (seitenweise)", _page_of("Body"), [
                _param("active", "nur aktive (true) oder inaktive (false) Gremien", {"type": "boolean"}),
                _param("actor", "Gremien, in denen dieser Akteur Mitglied ist oder federführt", {"type": "integer"}),
                *PAGE_PARAMETERS]),
            "/coverage": _get("Abdeckung der Selbstverpflichtungen", {"$ref": "#/components/schemas/Coverage"},
                              [DATE_PARAMETER]),
            "/findings": _get("Befunde der Lückenanalyse (seitenweise)", _page_of("Finding"), [
                _param("rule", "Regel", {"type": "string", "enum": FINDING_RULES}),
                _param("severity", "Schwere", {"type": "string", "enum": ["hoch", "mittel", "niedrig"]}),
                _param("status", "offen oder akzeptiert", {"type": "string", "enum": ["open", "accepted"]}),
                _param("district", "Stadtteil, Gemeinde oder Ortsteil: Nummer oder Name", {"type": "string"}),
                COMMITMENT_PARAMETER, DATE_PARAMETER, *PAGE_PARAMETERS]),
            "/indicators": _get("Indikatoren des Integrationsmonitorings mit ihren Werten (seitenweise)",
                                _page_of("Indicator"), [
                _param("key", "nur der Indikator mit diesem Schlüssel (z. B. foreign_share)",
                       {"type": "string"}),
                _param("year", "nur die Werte dieses Jahres", {"type": "integer", "minimum": 1,
                                                               "maximum": 9999}),
                *PAGE_PARAMETERS]),
            "/network": _get("Kooperationsnetz mit Kennzahlen (node-link)",
                             {"$ref": "#/components/schemas/Network"}, [DATE_PARAMETER]),
        },
        "components": {
            "securitySchemes": {
                "bearerToken": {"type": "http", "scheme": "bearer",
                                "description": "persönliches API-Token (Mein Konto → API-Tokens)"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session",
                            "description": "Anmeldung in der Weboberfläche"},
            },
            "responses": {
                "BadRequest": _error("ungültiger Parameter"),
                "Unauthorized": _error("nicht angemeldet, Token unbekannt oder widerrufen"),
                "NotFound": _error("nicht gefunden"),
            },
            "schemas": SCHEMAS,
        },
    }
