"""A yes/no JSON Schema check compiled to closures, for the common case of valid input.

``jsonschema`` spends most of a corpus-scale run dispatching keywords and building error
objects for documents that have no error at all (about 15 ms for a 20-mention document).
:func:`compile_schema` turns the keywords used by ``schema/*.schema.json`` into nested
closures that only answer "valid or not" (about 50x faster). Callers run it first and
fall back to ``jsonschema``'s ``iter_errors`` only when it says "not valid", so every
message, pointer and order of reported errors is still jsonschema's own.

Semantics follow Draft 2020-12 as implemented by jsonschema, with this package's strict
``integer`` (``type(v) is int``: 1.0 is not an offset). A keyword this module does not
implement raises ``NotImplementedError`` when the schema is compiled, so a schema change
can never be checked loosely; tests compare both checkers on mutated documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["compile_schema"]

Check = Callable[[Any], bool]
_MEMO_SIZE = 4096  # strings remembered as valid, per string schema with a pattern
# Keywords that never change validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"}
)
_TYPES: Mapping[str, Callable[[Any], bool]] = {
    "object": lambda v: type(v) is dict,
    "array": lambda v: type(v) is list,
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int,
    "number": lambda v: type(v) in (int, float),
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
}
# The same tests as the Python types a value may have (for a list of types: one lookup).
_PYTHON_TYPES: Mapping[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _unbool(value: Any) -> Any:
    # As jsonschema's equality: true and 1 are different JSON values.
    if value is True or value is False:
        return ("bool", value)
    return value


def _equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema defines it (for ``uniqueItems``)."""
    if one is two:
        return True
    if type(one) is str or type(two) is str:
        return one == two
    if type(one) is list and type(two) is list:
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if type(one) is dict and type(two) is dict:
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    return _unbool(one) == _unbool(two)


_STRINGS = frozenset((str,))


def _unique(items: list[Any]) -> bool:
    if len(items) < 2:
        return True
    if set(map(type, items)) <= _STRINGS:  # strings: no equality subtleties, hashable
        return len(set(items)) == len(items)
    return not any(_equal(a, b) for i, a in enumerate(items) for b in items[i + 1 :])


def _any_of(branches: tuple[Check, ...]) -> Check:
    def any_of(v: Any) -> bool:
        for branch in branches:  # noqa: SIM110 - a loop is cheaper than any(genexpr)
            if branch(v):
                return True
        return False

    return any_of


def _nullable(branches: tuple[Check, ...]) -> Check | None:
    """``anyOf: [X, {"type": "null"}]`` (in either order) as one test, or None."""
    null = _TYPES["null"]
    if len(branches) != 2 or null not in branches:
        return None
    other = branches[1] if branches[0] is null else branches[0]
    return lambda v: v is None or other(v)


def _one_of(branches: tuple[Check, ...]) -> Check:
    def one_of(v: Any) -> bool:
        found = 0
        for branch in branches:
            if branch(v):
                found += 1
        return found == 1

    return one_of


def _one_of_required(needs: tuple[frozenset[str], ...]) -> Check:
    """``oneOf`` of branches that are only ``required`` (exactly one key set present)."""

    def one_of(v: Any) -> bool:
        if type(v) is not dict:
            return len(needs) == 1  # every branch holds for a non-object
        keys = v.keys()
        found = 0
        for need in needs:
            if keys >= need:
                found += 1
        return found == 1

    return one_of


def _any_of_required(needs: tuple[frozenset[str], ...]) -> Check:
    """``anyOf`` of branches that are only ``required`` (one key set present)."""

    def any_of(v: Any) -> bool:
        if type(v) is not dict:
            return bool(needs)  # every branch holds for a non-object
        keys = v.keys()
        for need in needs:  # noqa: SIM110 - a loop is cheaper than any(genexpr)
            if keys >= need:
                return True
        return False

    return any_of


def _all_of(branches: tuple[Check, ...]) -> Check:
    def all_of(v: Any) -> bool:
        for branch in branches:  # noqa: SIM110 - a loop is cheaper than all(genexpr)
            if not branch(v):
                return False
        return True

    return all_of


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.defs: Mapping[str, Any] = root.get("$defs", {})
        self.compiled: dict[str, Check] = {}
        self.compiling: set[str] = set()

    def ref(self, ref: str) -> Check:
        prefix = "#/$defs/"
        if not ref.startswith(prefix) or ref[len(prefix) :] not in self.defs:
            raise NotImplementedError(f"$ref {ref!r}: only local #/$defs/ references")
        name = ref[len(prefix) :]
        if name not in self.compiled:
            self.compiling.add(name)
            self.compiled[name] = self.node(self.defs[name])
            self.compiling.discard(name)
        if name not in self.compiling:
            return self.compiled[name]  # direct: no lookup per call
        compiled = self.compiled  # a recursive reference: looked up when called

        def by_ref(v: Any) -> bool:
            return compiled[name](v)

        return by_ref

    def node(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise NotImplementedError(f"schema node {schema!r}")
        checks: list[Check] = []
        unknown = set(schema) - _ANNOTATIONS - _KEYWORDS
        if unknown:
            raise NotImplementedError(f"keywords {', '.join(sorted(unknown))}")
        if isinstance(schema.get("type"), str) and schema["type"] in _FUSED:
            # One closure for the type and the keywords that only apply to it: most of
            # the cost of a valid document was calling one small closure per keyword.
            fused, consumed = _FUSED[schema["type"]](self, schema)
            checks.append(fused)
            schema = {k: v for k, v in schema.items() if k not in consumed}
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if "type" in schema:
            names = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
            if len(names) == 1:
                checks.append(_TYPES[names[0]])
            else:
                types = frozenset(t for name in names for t in _PYTHON_TYPES[name])
                checks.append(lambda v: type(v) in types)
        if "enum" in schema:
            members = schema["enum"]
            if not all(m is None or type(m) is str for m in members):
                raise NotImplementedError("enum with members other than strings and null")
            strings = frozenset(m for m in members if m is not None)
            if None in members:
                checks.append(lambda v: v is None or (type(v) is str and v in strings))
            else:
                checks.append(lambda v: type(v) is str and v in strings)
        if "const" in schema:
            const = schema["const"]
            if type(const) is not str:
                raise NotImplementedError("const other than a string")
            checks.append(lambda v: type(v) is str and v == const)
        if "pattern" in schema:
            search = re.compile(schema["pattern"]).search
            checks.append(lambda v: type(v) is not str or search(v) is not None)
        if "minLength" in schema:
            low = schema["minLength"]
            checks.append(lambda v: type(v) is not str or len(v) >= low)
        if "maxLength" in schema:
            high = schema["maxLength"]
            checks.append(lambda v: type(v) is not str or len(v) <= high)
        if "minimum" in schema:
            minimum = schema["minimum"]
            checks.append(lambda v: type(v) not in (int, float) or v >= minimum)
        if "required" in schema:
            required = frozenset(schema["required"])
            checks.append(lambda v: type(v) is not dict or required <= v.keys())
        if "dependentRequired" in schema:
            dependent = tuple((k, tuple(ks)) for k, ks in schema["dependentRequired"].items())

            def dependent_required(v: Any) -> bool:
                if type(v) is dict:
                    for key, needs in dependent:
                        if key in v:
                            for need in needs:
                                if need not in v:
                                    return False
                return True

            checks.append(dependent_required)
        if "properties" in schema or "additionalProperties" in schema:
            checks.append(self.object(schema))
        if "items" in schema:
            item = self.node(schema["items"])

            def items(v: Any) -> bool:
                if type(v) is list:
                    for x in v:
                        if not item(x):
                            return False
                return True

            checks.append(items)
        if "minItems" in schema:
            least = schema["minItems"]
            checks.append(lambda v: type(v) is not list or len(v) >= least)
        if schema.get("uniqueItems") is True:
            checks.append(lambda v: type(v) is not list or _unique(v))
        for key in ("anyOf", "oneOf", "allOf"):
            if key in schema:
                checks.append(self.combination(key, schema[key]))
        if "not" in schema:
            negated = self.node(schema["not"])
            checks.append(lambda v: not negated(v))
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda v: first(v) and second(v)
        chain = tuple(checks)

        def every(v: Any) -> bool:
            for check in chain:  # noqa: SIM110 - a loop is cheaper than all(genexpr)
                if not check(v):
                    return False
            return True

        return every

    def combination(self, key: str, schemas: list[Any]) -> Check:
        """``anyOf``, ``oneOf`` or ``allOf``, with a direct test for the common shapes."""
        only_required = all(isinstance(s, dict) and s.keys() == {"required"} for s in schemas)
        if key == "oneOf" and only_required:
            return _one_of_required(tuple(frozenset(s["required"]) for s in schemas))
        if key == "anyOf" and only_required:
            return _any_of_required(tuple(frozenset(s["required"]) for s in schemas))
        branches = tuple(self.node(s) for s in schemas)
        if key == "allOf" and len(branches) == 1:
            return branches[0]
        if key == "anyOf":
            return _nullable(branches) or _any_of(branches)
        if key == "oneOf":
            return _one_of(branches)
        return _all_of(branches)

    def fused_object(self, schema: Mapping[str, Any]) -> tuple[Check, frozenset[str]]:
        required = frozenset(schema.get("required", ()))
        dependent = tuple((k, tuple(ks)) for k, ks in schema.get("dependentRequired", {}).items())
        properties = {k: self.node(s) for k, s in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        if extra not in (True, False):
            raise NotImplementedError("additionalProperties other than true or false")
        closed = extra is False
        get = properties.get
        allowed = frozenset(properties)
        keys = ("type", "required", "dependentRequired", "properties", "additionalProperties")

        def closed_check(v: Any) -> bool:
            # Every key is a property (a C-level test), so each has its check.
            if type(v) is not dict or not allowed.issuperset(v) or not v.keys() >= required:
                return False
            for key, value in v.items():  # noqa: SIM110 - cheaper than all(genexpr)
                if not properties[key](value):
                    return False
            return True

        def exact_check(v: Any) -> bool:
            # All properties, and only they, are required: one C-level test of the keys.
            if type(v) is not dict or v.keys() != allowed:
                return False
            for key, value in v.items():  # noqa: SIM110 - cheaper than all(genexpr)
                if not properties[key](value):
                    return False
            return True

        if closed and not dependent:
            return (exact_check if required == allowed else closed_check), frozenset(keys)

        def check(v: Any) -> bool:
            if type(v) is not dict or not required <= v.keys():
                return False
            for key, needs in dependent:
                if key in v and not all(d in v for d in needs):
                    return False
            for key, value in v.items():
                test = get(key)
                if test is None:
                    if closed:
                        return False
                elif not test(value):
                    return False
            return True

        return check, frozenset(keys)

    def fused_array(self, schema: Mapping[str, Any]) -> tuple[Check, frozenset[str]]:
        item = self.node(schema.get("items", True))
        least = schema.get("minItems", 0)
        unique = schema.get("uniqueItems") is True

        def check(v: Any) -> bool:
            if type(v) is not list or len(v) < least:
                return False
            for x in v:
                if not item(x):
                    return False
            return not unique or _unique(v)

        return check, frozenset(("type", "items", "minItems", "uniqueItems"))

    def fused_string(self, schema: Mapping[str, Any]) -> tuple[Check, frozenset[str]]:
        consumed = frozenset(("type", "minLength", "maxLength", "pattern"))
        low = schema.get("minLength", 0)
        high = schema.get("maxLength")
        if "pattern" not in schema and high is None:
            if low == 0:
                return _TYPES["string"], consumed
            return (lambda v: type(v) is str and len(v) >= low), consumed
        search = re.compile(schema["pattern"]).search if "pattern" in schema else None
        # Strings that passed: ids and codes recur within and across documents, and a
        # set lookup is cheaper than a regex search. Bounded, so a corpus of unique
        # values cannot grow it without end.
        valid: set[str] = set()

        def check(v: Any) -> bool:
            if type(v) is not str:
                return False
            if v in valid:
                return True
            if len(v) < low or (high is not None and len(v) > high):
                return False
            if search is not None and search(v) is None:
                return False
            if len(valid) >= _MEMO_SIZE:
                valid.clear()
            valid.add(v)
            return True

        return check, consumed

    def fused_integer(self, schema: Mapping[str, Any]) -> tuple[Check, frozenset[str]]:
        if "minimum" not in schema:
            return _TYPES["integer"], frozenset(("type",))
        minimum = schema["minimum"]
        return (lambda v: type(v) is int and v >= minimum), frozenset(("type", "minimum"))

    def object(self, schema: Mapping[str, Any]) -> Check:
        properties = {k: self.node(s) for k, s in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        if extra not in (True, False):
            raise NotImplementedError("additionalProperties other than true or false")
        closed = extra is False

        def check(v: Any) -> bool:
            if type(v) is not dict:
                return True
            for key, value in v.items():
                test = properties.get(key)
                if test is None:
                    if closed:
                        return False
                elif not test(value):
                    return False
            return True

        return check


_KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "const",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "required",
        "dependentRequired",
        "properties",
        "additionalProperties",
        "items",
        "minItems",
        "uniqueItems",
        "anyOf",
        "oneOf",
        "allOf",
        "not",
    }
)


_FUSED: Mapping[str, Callable[[_Compiler, Mapping[str, Any]], tuple[Check, frozenset[str]]]] = {
    "object": _Compiler.fused_object,
    "array": _Compiler.fused_array,
    "string": _Compiler.fused_string,
    "integer": _Compiler.fused_integer,
}


def compile_schema(schema: Mapping[str, Any]) -> Check:
    """A function telling whether a value is valid under ``schema`` (no error details).

    Raises ``NotImplementedError`` for a keyword it does not implement.
    """
    return _Compiler(schema).node(dict(schema))
