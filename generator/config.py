"""Load `briefing.yml` over the shipped defaults into one validated, typed config object."""

from __future__ import annotations

import importlib.util
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

import re2
import yaml

from .errors import ConfigError, yaml_error_position
from .patterns import LinePatterns, PatternError, compile_pattern

logger = logging.getLogger(__name__)

DEFAULTS_DIR = Path(__file__).parent / "defaults"
DEFAULT_CONFIG_FILE = DEFAULTS_DIR / "briefing.yml"
CONFIG_FILE_NAME = "briefing.yml"
DEFAULT_SITE_TITLE = "Briefing"  # when mkdocs.yml names no site_name
PROJECT_TEMPLATES = "site_templates"  # a project's own templates, which win over the shipped ones

_TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_DEFAULT_THRESHOLD = 5.0
_TYPE_NAMES = {int: "a whole number", float: "a number", str: "text", list: "a list", dict: "a mapping"}
_TOP_LEVEL_KEYS = {"site", "topics", "outlets", "cleaning", "people", "organisations", "entities", "stories"}
_ENTITY_KEYS = {
    "titles": list, "honorifics": list, "not_names": list, "group_nouns": list, "speech_verbs": list,
    "legal_forms": list, "government_words": list, "international_words": list, "not_organisations": list,
    "company_after": list, "company_before": list, "news_agencies": list, "organisation_nouns": list,
    "organisation_words": list,
}
_ORGANISATION_KEYS = {"name", "aliases", "kind"}
ORGANISATION_KINDS = ("company", "government body", "international body")
_STORY_KEYS = {"min_score": float, "max_days_apart": int, "min_fact_overlap": float}
_PERSON_KEYS = {"name", "aliases", "role"}
_SITE_KEYS = {
    "latest_articles": int, "synthesis_sentences": int, "related_articles": int, "feed_articles": int,
    "listing_limit": int, "own_page_articles": int,
}
_CLEANING_KEYS = {
    "line_patterns": dict,
    "end_markers": list,
    "final_markers": list,
    "header_markers": list,
    "section_labels": list,
    "leading_stamp": str,
    "recurring_line_min_seeds": int,
    "recurring_line_max_words": int,
    "min_overlap": float,
    "min_overlap_last_paragraph": float,
    "headline_acronyms": list,
}


@dataclass(frozen=True)
class TopicConfig:
    """One topic of the taxonomy: the terms that put an article into it and how much each counts."""

    id: str
    name: str
    description: str
    terms: tuple[tuple[str, float], ...]
    threshold: float
    requires_any: tuple[str, ...] = ()  # at least one of these must occur somewhere in the article
    lead_terms: tuple[tuple[str, float], ...] = ()  # terms that count only in the headline and the lead ("pact")


@dataclass(frozen=True)
class CleaningConfig:
    """The boilerplate rules: named whole-line patterns plus the knobs of the structural heuristics."""

    line_patterns: LinePatterns  # run by RE2: linear time, whatever the user writes
    end_markers: frozenset[str]
    final_markers: frozenset[str]
    header_markers: frozenset[str]
    section_labels: frozenset[str]
    leading_stamp: re2._Regexp
    recurring_line_min_seeds: int
    recurring_line_max_words: int
    min_overlap: float
    min_overlap_last_paragraph: float
    headline_acronyms: frozenset[str] = frozenset()  # kept in capitals when an all-caps headline is re-cased


@dataclass(frozen=True)
class SiteConfig:
    """Options of the generated pages."""

    title: str  # mkdocs.yml's site_name (see load_config)
    latest_articles: int
    synthesis_sentences: int
    related_articles: int
    feed_articles: int
    listing_limit: int = 250  # entries a listing page holds before it is cut into parts (pages/parts.py)
    own_page_articles: int = 2  # a person or organisation named in fewer articles has no page of their own


@dataclass(frozen=True)
class KnownPerson:
    """A person the project names in configuration: canonical name, other forms of the name, and a role."""

    name: str
    aliases: tuple[str, ...]
    role: str | None


@dataclass(frozen=True)
class EntityConfig:
    """The word lists people are found with: titles before a name, words never in a name, speech verbs."""

    titles: tuple[str, ...]  # "Minister", "Secretary of State" … (a role ends with one of these)
    honorifics: tuple[str, ...]  # "Dr", "Mr" … (stripped from a name, kept as an alias)
    not_names: frozenset[str]  # capitalised words that are never part of a person's name
    group_nouns: tuple[str, ...]  # "delegation", "lawmakers" … (a list of names after one is a list of people)
    speech_verbs: tuple[str, ...]  # "said", "told" … (a name next to one is a person; a quote needs one)
    ner_model: str = ""  # the named-entity model package ("" = rules alone); see ner.py
    legal_forms: frozenset[str] = frozenset()  # "Inc", "Ltd" … (a capitalised name ending in one is a company)
    government_words: frozenset[str] = frozenset()  # "Ministry", "Department" … (a name holding one: government)
    international_words: frozenset[str] = frozenset()  # "United Nations", "IMF" … (names of international bodies)
    not_organisations: frozenset[str] = frozenset()  # "Summit", "Agreement" … (a name ending in one is no body)
    company_after: frozenset[str] = frozenset()  # "chairman", "shareholders" … (a name followed by one is a firm's)
    company_before: tuple[str, ...] = ()  # "unit of", "stake in" … (a name after one is a firm's)
    news_agencies: frozenset[str] = frozenset()  # "Reuters", "AFP" … (never part of a role: "told Reuters Minister X")
    organisation_nouns: frozenset[str] = frozenset()  # "brand", "giant" … (a name right after one: an organisation)
    organisation_words: frozenset[str] = frozenset()  # "Association", "Institute" … (a name holding one: a body)


@dataclass(frozen=True)
class KnownOrganisation:
    """An organisation the project names in configuration: canonical name, other forms, and its kind."""

    name: str
    aliases: tuple[str, ...]
    kind: str  # one of ORGANISATION_KINDS, or ""


@dataclass(frozen=True)
class StoryConfig:
    """When articles count as coverage of the same event."""

    min_score: float  # similarity (content, shared people, shared dates) two articles need to share a story
    max_days_apart: int  # dated articles further apart than this are never one story
    min_fact_overlap: float  # share of words two sentences must share to report the same fact


@dataclass(frozen=True)
class Config:
    """Everything the pipeline is told: taxonomy, cleaning rules, outlets, site options."""

    topics: tuple[TopicConfig, ...]
    cleaning: CleaningConfig
    outlets: tuple[tuple[str, str], ...]
    site: SiteConfig
    source: str  # where the user's part came from, for messages
    people: tuple[KnownPerson, ...] = ()
    entities: EntityConfig | None = None
    organisations: tuple[KnownOrganisation, ...] = ()
    stories: StoryConfig | None = None

    def topic(self, topic_id: str) -> TopicConfig:
        """Return the topic with this id."""
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)


def load_config(project_dir: Path, site_name: str | None = None) -> Config:
    """Read the shipped defaults, lay the project's `briefing.yml` (if any) over them, and validate once.

    The site's title is set in one place, mkdocs.yml's `site_name` (MkDocs shows it in every page's header), and
    given here as `site_name`; a `site.title` left in an older briefing.yml is reported and not used.
    """
    defaults = _read_yaml(DEFAULT_CONFIG_FILE)
    user_file = project_dir / CONFIG_FILE_NAME
    user: Mapping[str, Any] = {}
    if user_file.is_file():
        user = _read_yaml(user_file)
    site = user.get("site")
    if isinstance(site, dict) and "title" in site:
        logger.warning(
            "%s: site.title is no longer read: the site's title is set once, as site_name in mkdocs.yml "
            "(%r); delete site.title here", user_file, site_name or DEFAULT_SITE_TITLE)
        user = {**user, "site": {key: value for key, value in site.items() if key != "title"}}
    try:
        config = parse_config(defaults, user, str(user_file if user_file.is_file() else DEFAULT_CONFIG_FILE))
    except ConfigError as error:
        if error.path != str(user_file) or not error.key:  # the defaults' own error, or already placed
            raise
        raise ConfigError(_where(error.path, error.key), error.key, error.problem) from error
    return replace(config, site=replace(config.site, title=" ".join(str(site_name or "").split()) or DEFAULT_SITE_TITLE))


def parse_config(defaults: Mapping[str, Any], user: Mapping[str, Any], source: str) -> Config:
    """Merge a user mapping over the defaults and turn it into a `Config`; errors name the key path."""
    unknown = sorted(set(user) - _TOP_LEVEL_KEYS)
    if unknown:
        raise ConfigError(source, unknown[0], f"unknown key; expected one of {', '.join(sorted(_TOP_LEVEL_KEYS))}")
    site = {**defaults.get("site", {}), **_mapping(user, "site", source)}
    cleaning = {**defaults.get("cleaning", {}), **_mapping(user, "cleaning", source)}
    outlets = {**defaults.get("outlets", {}), **_mapping(user, "outlets", source)}
    topics = user["topics"] if "topics" in user else defaults["topics"]
    entities = {**defaults.get("entities", {}), **_mapping(user, "entities", source)}
    stories = {**defaults.get("stories", {}), **_mapping(user, "stories", source)}
    people = list(defaults.get("people") or []) + list(_typed(user.get("people") or [], list, source, "people"))
    # Parsed apart, so an error in the user's list names its own position in their file.
    organisations = _parse_organisations(list(defaults.get("organisations") or []), str(DEFAULT_CONFIG_FILE)) + (
        _parse_organisations(list(_typed(user.get("organisations") or [], list, source, "organisations")), source)
    )
    return Config(
        topics=_parse_topics(topics, source),
        cleaning=_parse_cleaning(cleaning, source),
        outlets=tuple(sorted((str(k).lower(), str(v)) for k, v in outlets.items())),
        site=_parse_site(site, source),
        source=source,
        people=_parse_people(people, source),
        entities=_parse_entities(entities, source),
        stories=_parse_stories(stories, source),
        organisations=organisations,
    )


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        raise ConfigError(
            str(path), "", f"is not valid YAML{yaml_error_position(exc)} (check indentation, quotes, brackets)"
        ) from exc
    except ValueError as exc:  # parses, but names an impossible date
        raise ConfigError(str(path), "", f"holds an impossible value ({exc})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), "", f"cannot be read ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), "", "must be a mapping of keys to values")
    return data


def _mapping(data: Mapping[str, Any], key: str, source: str) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ConfigError(source, key, "must be a mapping")
    return value


def _typed(value: Any, expected: type, source: str, key: str) -> Any:
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError(source, key, f"must be {_TYPE_NAMES[expected]}, got {value!r}")
    if expected is int and value < 0:  # every count and distance in the configuration is 0 or more
        raise ConfigError(source, key, f"must be 0 or more, got {value}")
    return value


def _parse_site(site: Mapping[str, Any], source: str) -> SiteConfig:
    for key in site:
        if key not in _SITE_KEYS:
            raise ConfigError(source, f"site.{key}", f"unknown key; expected one of {', '.join(sorted(_SITE_KEYS))}")
    values = {key: _typed(site[key], kind, source, f"site.{key}") for key, kind in _SITE_KEYS.items()}
    if values["listing_limit"] < 1:
        raise ConfigError(source, "site.listing_limit", f"must be 1 or more, got {values['listing_limit']}")
    return SiteConfig(title=DEFAULT_SITE_TITLE, **values)


def _parse_topics(topics: Any, source: str) -> tuple[TopicConfig, ...]:
    if not isinstance(topics, list):
        raise ConfigError(source, "topics", "must be a list of topics")
    parsed: list[TopicConfig] = []
    seen: set[str] = set()
    for index, topic in enumerate(topics):
        where = f"topics[{index}]"
        if not isinstance(topic, dict):
            raise ConfigError(source, where, "must be a mapping with id, name, description and terms")
        allowed = {"id", "name", "description", "terms", "threshold", "requires_any", "lead_terms"}
        extra = sorted(set(topic) - allowed)
        if extra:
            raise ConfigError(source, f"{where}.{extra[0]}", f"unknown key; expected one of {', '.join(sorted(allowed))}")
        topic_id = topic.get("id")
        if not isinstance(topic_id, str) or not _TOPIC_ID.match(topic_id):
            raise ConfigError(source, f"{where}.id", "must be lower-case letters, digits and hyphens, e.g. trade-deal")
        if topic_id == "index":
            raise ConfigError(source, f"{where}.id", "'index' is the topics index page; choose another id")
        if topic_id in seen:
            raise ConfigError(source, f"{where}.id", f"duplicate topic id {topic_id!r}")
        seen.add(topic_id)
        terms = topic.get("terms")
        if not isinstance(terms, dict) or not terms:
            raise ConfigError(source, f"{where}.terms", "must be a non-empty mapping of term: weight")
        parsed_terms = _weighted_terms(terms, source, f"{where}.terms")
        lead_terms = topic.get("lead_terms") or {}
        if not isinstance(lead_terms, dict):
            raise ConfigError(source, f"{where}.lead_terms", "must be a mapping of term: weight")
        threshold = _typed(topic.get("threshold", _DEFAULT_THRESHOLD), float, source, f"{where}.threshold")
        requires_any = _typed(topic.get("requires_any", []), list, source, f"{where}.requires_any")
        if not all(isinstance(term, str) and term.strip() for term in requires_any):
            raise ConfigError(source, f"{where}.requires_any", "must be a list of non-empty terms")
        parsed.append(
            TopicConfig(
                id=topic_id,
                name=_typed(topic.get("name", topic_id), str, source, f"{where}.name"),
                description=_typed(topic.get("description", ""), str, source, f"{where}.description"),
                terms=tuple(parsed_terms),
                threshold=threshold,
                requires_any=tuple(term.strip() for term in requires_any),
                lead_terms=_weighted_terms(lead_terms, source, f"{where}.lead_terms"),
            )
        )
    return tuple(parsed)


def _weighted_terms(terms: Mapping[Any, Any], source: str, where: str) -> tuple[tuple[str, float], ...]:
    parsed = []
    for term, weight in terms.items():
        if not isinstance(term, str) or not term.strip():
            raise ConfigError(source, where, f"term {term!r} must be non-empty text")
        parsed.append((term.strip(), _typed(weight, float, source, f"{where}.{term}")))
    return tuple(parsed)


def _compile(pattern: Any, source: str, key: str) -> re2._Regexp:
    if not isinstance(pattern, str):
        raise ConfigError(source, key, "must be a regular expression in quotes")
    try:
        return compile_pattern(pattern)
    except PatternError as exc:
        raise ConfigError(_where(source, key), key, _pattern_problem(exc)) from exc


def _pattern_problem(exc: PatternError) -> str:
    return (f"is not a regular expression RE2 can run ({exc}); patterns run in linear time, so look-around "
            "((?=…), (?<=…)) and back-references (\\1) are not available: rewrite it without them")


def _where(source: str, key: str) -> str:
    """Return `source:LINE` for a key path of the user's file (`site.feed_articles`, `topics[2].terms.tariff`).

    The path is followed through the YAML's node tree as far as it goes, so a missing key gives its parent's line;
    `source` alone when not even the first part is found.
    """
    try:
        node = yaml.compose(Path(source).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, yaml.YAMLError):
        return source
    line = None
    for index, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", key):
        if isinstance(node, yaml.MappingNode) and name:
            found = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name]
            if not found:
                break
            line, node = found[-1][0].start_mark.line + 1, found[-1][1]  # the last, as the loader keeps it
        elif isinstance(node, yaml.SequenceNode) and index and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line + 1
        else:
            break
    return f"{source}:{line}" if line else source


def _parse_cleaning(cleaning: Mapping[str, Any], source: str) -> CleaningConfig:
    for key in cleaning:
        if key not in _CLEANING_KEYS:
            raise ConfigError(source, f"cleaning.{key}", f"unknown key; expected one of {', '.join(sorted(_CLEANING_KEYS))}")
    values = {
        key: _typed(cleaning.get(key), kind, source, f"cleaning.{key}") for key, kind in _CLEANING_KEYS.items()
    }
    for name, pattern in values["line_patterns"].items():
        _compile(pattern, source, f"cleaning.line_patterns.{name}")
    patterns = LinePatterns.compile([(str(name), pattern) for name, pattern in values["line_patterns"].items()])
    names = set(patterns.names)
    for key in ("end_markers", "final_markers", "header_markers"):
        for marker in values[key]:
            if marker not in names:
                raise ConfigError(source, f"cleaning.{key}", f"{marker!r} is not a name in cleaning.line_patterns")
    stamp = _compile(values["leading_stamp"], source, "cleaning.leading_stamp")
    if "date" not in stamp.groupindex:
        raise ConfigError(source, "cleaning.leading_stamp", "needs a named group (?P<date>...)")
    return CleaningConfig(
        line_patterns=patterns,
        end_markers=frozenset(values["end_markers"]),
        final_markers=frozenset(values["final_markers"]),
        header_markers=frozenset(values["header_markers"]),
        section_labels=frozenset(str(label).lower() for label in values["section_labels"]),
        leading_stamp=stamp,
        recurring_line_min_seeds=values["recurring_line_min_seeds"],
        recurring_line_max_words=values["recurring_line_max_words"],
        min_overlap=values["min_overlap"],
        min_overlap_last_paragraph=values["min_overlap_last_paragraph"],
        headline_acronyms=frozenset(str(word) for word in values["headline_acronyms"]),
    )


def _named_entries(
    entries: list, section: str, keys: set[str], name_problem: str, source: str
) -> list[tuple[str, dict, str, tuple[str, ...]]]:
    """Check a list of named entries (a name, or a mapping with `name`, `aliases` and the keys in `keys`);
    return each as (where, entry, name, aliases), errors naming the entry's position in `section`."""
    checked = []
    for index, entry in enumerate(entries):
        where = f"{section}[{index}]"
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict):
            raise ConfigError(source, where, f"must be a name or a mapping with keys {', '.join(sorted(keys))}")
        extra = sorted(set(entry) - keys)
        if extra:
            raise ConfigError(source, f"{where}.{extra[0]}", f"unknown key; expected one of {', '.join(sorted(keys))}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(source, f"{where}.name", name_problem)
        aliases = _typed(entry.get("aliases", []), list, source, f"{where}.aliases")
        if not all(isinstance(alias, str) and alias.strip() for alias in aliases):
            raise ConfigError(source, f"{where}.aliases", "must be a list of names")
        checked.append((where, entry, name.strip(), tuple(alias.strip() for alias in aliases)))
    return checked


def _parse_people(people: list, source: str) -> tuple[KnownPerson, ...]:
    parsed = []
    for where, entry, name, aliases in _named_entries(people, "people", _PERSON_KEYS, "must be the person's full name", source):
        role = entry.get("role")
        if role is not None and not isinstance(role, str):
            raise ConfigError(source, f"{where}.role", "must be text")
        parsed.append(KnownPerson(name, aliases, role.strip() if role else None))
    return tuple(parsed)


def _string_list(values: list, source: str, key: str) -> tuple[str, ...]:
    if not all(isinstance(value, str) and value.strip() for value in values):
        raise ConfigError(source, key, "must be a list of words or phrases")
    return tuple(value.strip() for value in values)


def _parse_organisations(organisations: list, source: str) -> tuple[KnownOrganisation, ...]:
    parsed = []
    for where, entry, name, aliases in _named_entries(
        organisations, "organisations", _ORGANISATION_KEYS, "must be the organisation's name", source
    ):
        kind = entry.get("kind") or ""
        if kind not in ("", *ORGANISATION_KINDS):
            raise ConfigError(source, f"{where}.kind", f"must be one of: {', '.join(ORGANISATION_KINDS)}")
        parsed.append(KnownOrganisation(name, aliases, kind))
    return tuple(parsed)


def _parse_entities(entities: Mapping[str, Any], source: str) -> EntityConfig:
    for key in entities:
        if key not in _ENTITY_KEYS and key != "ner_model":
            known = sorted({*_ENTITY_KEYS, "ner_model"})
            raise ConfigError(source, f"entities.{key}", f"unknown key; expected one of {', '.join(known)}")
    values = {
        key: _string_list(_typed(entities.get(key, []), list, source, f"entities.{key}"), source, f"entities.{key}")
        for key in _ENTITY_KEYS
    }
    model = _typed(entities.get("ner_model") or "", str, source, "entities.ner_model").strip()
    if model and not is_installed(model):
        raise ConfigError(
            source, "entities.ner_model",
            f"the model package {model!r} is not installed (pip install it, or set ner_model: '' for rules alone)",
        )
    return EntityConfig(
        titles=values["titles"],
        honorifics=values["honorifics"],
        not_names=frozenset(word.casefold() for word in values["not_names"]),
        group_nouns=values["group_nouns"],
        speech_verbs=values["speech_verbs"],
        ner_model=model,
        legal_forms=frozenset(word.casefold() for word in values["legal_forms"]),
        government_words=frozenset(word.casefold() for word in values["government_words"]),
        international_words=frozenset(word.casefold() for word in values["international_words"]),
        not_organisations=frozenset(word.casefold() for word in values["not_organisations"]),
        company_after=frozenset(word.casefold() for word in values["company_after"]),
        company_before=tuple(" ".join(phrase.casefold().split()) for phrase in values["company_before"]),
        news_agencies=frozenset(word.casefold() for word in values["news_agencies"]),
        organisation_nouns=frozenset(" ".join(word.casefold().split()) for word in values["organisation_nouns"]),
        organisation_words=frozenset(word.casefold() for word in values["organisation_words"]),
    )


def _parse_stories(stories: Mapping[str, Any], source: str) -> StoryConfig:
    for key in stories:
        if key not in _STORY_KEYS:
            raise ConfigError(source, f"stories.{key}", f"unknown key; expected one of {', '.join(sorted(_STORY_KEYS))}")
    values = {key: _typed(stories.get(key), kind, source, f"stories.{key}") for key, kind in _STORY_KEYS.items()}
    return StoryConfig(**values)


def is_installed(model: str) -> bool:
    """Whether the recogniser's model package can be imported (checked when the configuration loads, so a build
    fails early rather than after reading every seed)."""
    return importlib.util.find_spec(model) is not None
