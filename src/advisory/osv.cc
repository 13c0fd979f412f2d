// Reading one OSV record with simdjson On-Demand.
//
// The record is walked once, field by field, in document order; each known
// field is read into the model and unknown ones are skipped. The walk is
// iterative in the document's shape (fixed depth: record → affected →
// ranges → events), so hostile nesting only reaches the free-form
// database_specific objects, which are kept as raw text and bounded by the
// parser's depth limit. The first field of a wrong type fails the record
// with "path:line:col: what": an advisory read half-way could match the
// wrong versions, so it is better skipped whole and reported.
#include "advisory/osv.h"

#include <cstddef>

#include <simdjson.h>

#include "base/limits.h"
#include "base/text.h"

namespace chainward::advisory::osv {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

od::parser& Parser() {
  thread_local od::parser parser(simdjson::SIMDJSON_MAXSIZE_BYTES);
  thread_local bool allocated = false;
  if (!allocated) {
    allocated = parser.allocate(1 << 16, limits::kMaxNestingDepth) == SUCCESS;
  }
  return parser;
}

bool IsNull(od::value& v) {
  bool null = false;
  return v.is_null().get(null) == SUCCESS && null;
}

error_code ReadString(od::value v, std::string& out) {
  if (IsNull(v)) return SUCCESS;
  std::string_view s;
  if (auto err = v.get_string().get(s)) return err;
  out.assign(s);
  return SUCCESS;
}

error_code ReadStrings(od::value v, std::vector<std::string>& out) {
  if (IsNull(v)) return SUCCESS;
  od::array arr;
  if (auto err = v.get_array().get(arr)) return err;
  for (auto element : arr) {
    std::string_view s;
    if (auto err = element.get_string().get(s)) return err;
    out.emplace_back(s);
  }
  return SUCCESS;
}

// Keeps an object as raw text; reads "last_known_good" when `lkg` is set.
error_code ReadRawObject(od::value v, std::string& out,
                         std::string* lkg = nullptr) {
  if (IsNull(v)) return SUCCESS;
  od::object obj;
  if (auto err = v.get_object().get(obj)) return err;
  std::string_view raw;
  if (auto err = obj.raw_json().get(raw)) return err;
  out.assign(Trim(raw));
  if (lkg != nullptr) {
    if (auto err = obj.reset().error()) return err;
    for (auto field : obj) {
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return err;
      if (key != "last_known_good") continue;
      std::string_view s;
      if (field.value().get_string().get(s) == SUCCESS) lkg->assign(s);
    }
  }
  return SUCCESS;
}

// Reads one field of an object with `read(key, value)`, which returns the
// error and names the field it failed on in `what`.
template <typename F>
error_code ForEachField(od::value v, std::string& what, F read) {
  od::object obj;
  if (auto err = v.get_object().get(obj)) return err;
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    od::value value;
    if (auto err = field.value().get(value)) return err;
    what.assign(key);
    if (auto err = read(key, value)) return err;
  }
  return SUCCESS;
}

template <typename F>
error_code ForEachElement(od::value v, F read) {
  if (IsNull(v)) return SUCCESS;
  od::array arr;
  if (auto err = v.get_array().get(arr)) return err;
  for (auto element : arr) {
    od::value value;
    if (auto err = element.get(value)) return err;
    if (auto err = read(value)) return err;
  }
  return SUCCESS;
}

RangeType RangeTypeOf(std::string_view s) {
  if (s == "SEMVER") return RangeType::kSemver;
  if (s == "ECOSYSTEM") return RangeType::kEcosystem;
  if (s == "GIT") return RangeType::kGit;
  return RangeType::kUnknown;
}

error_code ReadEvent(od::value v, std::string& what, Range& range) {
  return ForEachField(v, what, [&](std::string_view key, od::value value) {
    Event e;
    if (key == "introduced") e.kind = Event::Kind::kIntroduced;
    else if (key == "fixed") e.kind = Event::Kind::kFixed;
    else if (key == "last_affected") e.kind = Event::Kind::kLastAffected;
    else if (key == "limit") e.kind = Event::Kind::kLimit;
    else return SUCCESS;
    if (auto err = ReadString(value, e.version)) return err;
    range.events.push_back(std::move(e));
    return SUCCESS;
  });
}

error_code ReadRange(od::value v, std::string& what, Range& range) {
  return ForEachField(v, what, [&](std::string_view key, od::value value) {
    if (key == "type") {
      if (auto err = ReadString(value, range.type_name)) return err;
      range.type = RangeTypeOf(range.type_name);
    } else if (key == "repo") {
      return ReadString(value, range.repo);
    } else if (key == "events") {
      return ForEachElement(value, [&](od::value e) {
        return ReadEvent(e, what, range);
      });
    }
    return SUCCESS;
  });
}

error_code ReadAffected(od::value v, std::string& what, Affected& a) {
  return ForEachField(v, what, [&](std::string_view key, od::value value) {
    if (key == "package") {
      return ForEachField(value, what, [&](std::string_view k, od::value pv) {
        if (k == "ecosystem") return ReadString(pv, a.package.ecosystem);
        if (k == "name") return ReadString(pv, a.package.name);
        if (k == "purl") return ReadString(pv, a.package.purl);
        return SUCCESS;
      });
    }
    if (key == "versions") return ReadStrings(value, a.versions);
    if (key == "ranges") {
      return ForEachElement(value, [&](od::value r) {
        a.ranges.emplace_back();
        return ReadRange(r, what, a.ranges.back());
      });
    }
    if (key == "database_specific") {
      return ReadRawObject(value, a.database_specific, &a.last_known_good);
    }
    if (key == "ecosystem_specific") {
      return ReadRawObject(value, a.ecosystem_specific);
    }
    return SUCCESS;
  });
}

error_code ReadRecordField(std::string_view key, od::value value,
                           std::string& what, Record& r) {
  if (key == "id") return ReadString(value, r.id);
  if (key == "modified") return ReadString(value, r.modified);
  if (key == "published") return ReadString(value, r.published);
  if (key == "withdrawn") return ReadString(value, r.withdrawn);
  if (key == "aliases") return ReadStrings(value, r.aliases);
  if (key == "related") return ReadStrings(value, r.related);
  if (key == "summary") return ReadString(value, r.summary);
  if (key == "details") return ReadString(value, r.details);
  if (key == "database_specific") {
    return ReadRawObject(value, r.database_specific);
  }
  if (key == "severity") {
    return ForEachElement(value, [&](od::value s) {
      r.severity.emplace_back();
      Severity& sev = r.severity.back();
      return ForEachField(s, what, [&](std::string_view k, od::value sv) {
        if (k == "type") return ReadString(sv, sev.type);
        if (k == "score") return ReadString(sv, sev.score);
        return SUCCESS;
      });
    });
  }
  if (key == "affected") {
    return ForEachElement(value, [&](od::value a) {
      r.affected.emplace_back();
      return ReadAffected(a, what, r.affected.back());
    });
  }
  if (key == "references") {
    return ForEachElement(value, [&](od::value ref) {
      r.references.emplace_back();
      Reference& out = r.references.back();
      return ForEachField(ref, what, [&](std::string_view k, od::value rv) {
        if (k == "type") return ReadString(rv, out.type);
        if (k == "url") return ReadString(rv, out.url);
        return SUCCESS;
      });
    });
  }
  if (key == "credits") {
    return ForEachElement(value, [&](od::value c) {
      r.credits.emplace_back();
      Credit& out = r.credits.back();
      return ForEachField(c, what, [&](std::string_view k, od::value cv) {
        if (k == "name") return ReadString(cv, out.name);
        if (k == "contact") return ReadStrings(cv, out.contact);
        if (k == "type") return ReadString(cv, out.type);
        return SUCCESS;
      });
    });
  }
  return SUCCESS;
}

}  // namespace

bool Record::IsMalicious() const {
  if (StartsWith(id, "MAL-")) return true;
  if (database_specific.empty()) return false;
  simdjson::padded_string padded(database_specific);
  od::document doc;
  if (Parser().iterate(padded).get(doc) != SUCCESS) return false;
  bool malicious = false;
  return doc["malicious"].get_bool().get(malicious) == SUCCESS && malicious;
}

Result<Record> Parse(std::string_view path, std::string_view content) {
  if (content.size() > limits::kMaxAdvisoryBytes) {
    return Fail(ErrorCode::kLimit,
                std::string(path) + ": record larger than " +
                    std::to_string(limits::kMaxAdvisoryBytes) + " bytes");
  }
  std::size_t deep = FindJsonNestingPast(content, limits::kMaxNestingDepth);
  if (deep != std::string_view::npos) {
    return Fail(ErrorCode::kLimit, std::string(path) + ": nesting deeper than " +
                                       std::to_string(limits::kMaxNestingDepth) +
                                       " levels at offset " + std::to_string(deep));
  }
  simdjson::padded_string padded(content);
  od::document doc;
  if (auto err = Parser().iterate(padded).get(doc)) {
    return Fail(ErrorCode::kParse, std::string(path) + ": not JSON (" +
                                       simdjson::error_message(err) + ")");
  }
  Record r;
  std::string what;
  od::value root;
  error_code err = doc.get_value().get(root);
  if (!err) {
    err = ForEachField(root, what, [&](std::string_view key, od::value v) {
      return ReadRecordField(key, v, what, r);
    });
  }
  if (!err) {
    // After the root object only whitespace may follow: current_location
    // fails (OUT_OF_BOUNDS) exactly when the document is used up.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == SUCCESS) {
      err = simdjson::TRAILING_CONTENT;
    }
  }
  if (err) {
    const char* p = nullptr;
    if (doc.current_location().get(p) != SUCCESS) p = nullptr;
    std::string where(path);
    if (p != nullptr && p >= padded.data() &&
        p <= padded.data() + padded.size()) {
      LineIndex lines(content);
      LineIndex::Position pos =
          lines.At(static_cast<std::size_t>(p - padded.data()));
      where += ":" + std::to_string(pos.line) + ":" +
               std::to_string(pos.column);
    }
    std::string message = where + ": ";
    message += what.empty() ? std::string("expected an OSV object")
                            : "bad \"" + SanitizeForTerminal(what) + "\"";
    message += std::string(" (") + simdjson::error_message(err) + ")";
    return Fail(err == simdjson::DEPTH_ERROR ? ErrorCode::kLimit
                                             : ErrorCode::kParse,
                std::move(message));
  }
  if (r.id.empty()) {
    return Fail(ErrorCode::kParse,
                std::string(path) + ": record has no \"id\"");
  }
  return r;
}

std::string PrettyJson(std::string_view json) {
  std::string out;
  out.reserve(json.size() * 2);
  int depth = 0;
  bool in_string = false;
  auto newline = [&] {
    out += '\n';
    out.append(static_cast<std::size_t>(depth > 0 ? depth * 2 : 0), ' ');
  };
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
      case '{':
      case '[': {
        std::size_t j = i + 1;
        while (j < json.size() && (json[j] == ' ' || json[j] == '\n' ||
                                   json[j] == '\t' || json[j] == '\r')) {
          ++j;
        }
        if (j < json.size() && (json[j] == '}' || json[j] == ']')) {
          out += c;
          out += json[j];
          i = j;
          break;
        }
        out += c;
        ++depth;
        newline();
        break;
      }
      case '}':
      case ']':
        --depth;
        newline();
        out += c;
        break;
      case ',':
        out += c;
        newline();
        break;
      case ':':
        out += ": ";
        break;
      case ' ':
      case '\n':
      case '\t':
      case '\r':
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace chainward::advisory::osv
