#include "collect/npm/manifest.h"

#include "collect/json_support.h"

namespace chainward::collect::npm {

namespace {

namespace od = simdjson::ondemand;

// Reads an object of string values into `out`. Non-string values are
// skipped: npm ignores them too, and one odd entry must not hide the rest.
simdjson::error_code ReadStringMap(od::value value, DependencyList& out) {
  od::object obj;
  if (auto err = value.get_object().get(obj)) return err;
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    std::string_view spec;
    if (field.value().get_string().get(spec) == simdjson::SUCCESS) {
      out.emplace_back(std::string(key), std::string(spec));
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadStringArray(od::value value,
                                     std::vector<std::string>& out) {
  od::array arr;
  if (auto err = value.get_array().get(arr)) return err;
  for (auto element : arr) {
    std::string_view s;
    if (element.get_string().get(s) == simdjson::SUCCESS) {
      out.emplace_back(s);
    }
  }
  return simdjson::SUCCESS;
}

bool IsInstallScript(std::string_view name) {
  return name == "preinstall" || name == "install" || name == "postinstall" ||
         name == "prepare";
}

}  // namespace

Result<Manifest> ParseManifest(std::string_view path, std::string_view content) {
  JsonText text(path, content);
  od::document doc;
  if (std::optional<Error> error = text.Iterate(ThreadLocalJsonParser(), doc)) {
    return tl::unexpected(std::move(*error));
  }
  od::object root;
  if (auto err = doc.get_object().get(root)) {
    return tl::unexpected(text.ErrorAt(doc, "expected an object at the top level", err));
  }
  Manifest m;
  for (auto field : root) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) {
      return tl::unexpected(text.ErrorAt(doc, "malformed key", err));
    }
    od::value value;
    if (auto err = field.value().get(value)) {
      return tl::unexpected(text.ErrorAt(doc, "malformed value", err));
    }
    simdjson::error_code err = simdjson::SUCCESS;
    std::string_view what;
    if (key == "name" || key == "version" || key == "_resolved" ||
        key == "_integrity") {
      std::string_view s;
      err = value.get_string().get(s);
      what = key;
      if (!err) {
        if (key == "name") m.name = s;
        else if (key == "version") m.version = s;
        else if (key == "_resolved") m.resolved = s;
        else m.integrity = s;
      } else if (key[0] == '_') {
        err = simdjson::SUCCESS;  // npm's private fields are advisory only
      }
    } else if (key == "dependencies") {
      err = ReadStringMap(value, m.dependencies);
      what = key;
    } else if (key == "devDependencies") {
      err = ReadStringMap(value, m.dev_dependencies);
      what = key;
    } else if (key == "optionalDependencies") {
      err = ReadStringMap(value, m.optional_dependencies);
      what = key;
    } else if (key == "peerDependencies") {
      err = ReadStringMap(value, m.peer_dependencies);
      what = key;
    } else if (key == "peerDependenciesMeta") {
      od::object meta;
      if (value.get_object().get(meta) == simdjson::SUCCESS) {
        for (auto entry : meta) {
          std::string_view name;
          if (entry.unescaped_key().get(name)) break;
          od::object flags;
          if (entry.value().get_object().get(flags)) continue;
          bool optional = false;
          if (flags["optional"].get_bool().get(optional) == simdjson::SUCCESS &&
              optional) {
            m.peer_optional.emplace_back(name);
          }
        }
      }
    } else if (key == "bundleDependencies" || key == "bundledDependencies") {
      // An array of names, or `true` meaning "all dependencies".
      od::json_type type;
      if (value.type().get(type) == simdjson::SUCCESS) {
        if (type == od::json_type::array) {
          err = ReadStringArray(value, m.bundle_dependencies);
          what = key;
        } else if (type == od::json_type::boolean) {
          bool all = false;
          if (value.get_bool().get(all) == simdjson::SUCCESS && all) {
            for (const auto& dep : m.dependencies) {
              m.bundle_dependencies.push_back(dep.first);
            }
          }
        }
      }
    } else if (key == "scripts") {
      od::object scripts;
      if (value.get_object().get(scripts) == simdjson::SUCCESS) {
        for (auto entry : scripts) {
          std::string_view name;
          if (entry.unescaped_key().get(name)) break;
          std::string_view command;
          if (IsInstallScript(name) &&
              entry.value().get_string().get(command) == simdjson::SUCCESS) {
            m.install_scripts.emplace_back(std::string(name),
                                           std::string(command));
          }
        }
      }
    } else if (key == "gypfile") {
      bool gyp = false;
      if (value.get_bool().get(gyp) == simdjson::SUCCESS) m.gypfile = gyp;
    } else if (key == "workspaces") {
      od::json_type type;
      if (value.type().get(type) == simdjson::SUCCESS) {
        if (type == od::json_type::array) {
          err = ReadStringArray(value, m.workspaces);
        } else if (type == od::json_type::object) {
          od::object ws;
          if (value.get_object().get(ws) == simdjson::SUCCESS) {
            od::value packages;
            if (ws["packages"].get(packages) == simdjson::SUCCESS) {
              err = ReadStringArray(packages, m.workspaces);
            }
          }
        }
        what = key;
      }
    } else if (key == "os" || key == "cpu" || key == "libc") {
      std::vector<std::string>& out =
          key == "os" ? m.os : (key == "cpu" ? m.cpu : m.libc);
      od::json_type type;
      if (value.type().get(type) == simdjson::SUCCESS) {
        if (type == od::json_type::array) {
          (void)ReadStringArray(value, out);
        } else if (type == od::json_type::string) {
          std::string_view s;
          if (value.get_string().get(s) == simdjson::SUCCESS) out.emplace_back(s);
        }
      }
    }
    if (err) {
      std::string message = "unexpected type for \"" + std::string(what) + "\"";
      return tl::unexpected(text.ErrorAt(doc, message, err));
    }
  }
  // Anything but whitespace after the top-level object is an error.
  const char* end = nullptr;
  if (doc.current_location().get(end) == simdjson::SUCCESS) {
    return tl::unexpected(Error{ErrorCode::kParse,
                                text.Where(end) +
                                    ": trailing content after the top-level object"});
  }
  return m;
}

}  // namespace chainward::collect::npm
