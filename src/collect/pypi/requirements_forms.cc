#include "collect/pypi/requirements_forms.h"

#include <cctype>

#include "base/text.h"
#include "collect/pypi/pep508.h"
#include "collect/pypi/redact.h"

namespace chainward::collect::pypi {

namespace {

// pip's vcs.all_schemes: the URL schemes of its four VCS backends.
constexpr std::string_view kVcsSchemes[] = {
    "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
    "git+http", "git+https", "git+ssh", "git+git", "git+file",
    "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
    "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
};

// pip's ARCHIVE_EXTENSIONS.
constexpr std::string_view kArchiveExtensions[] = {
    ".tar.bz2", ".tar.gz", ".tar.xz", ".tar.lzma", ".tar.lz", ".tar",
    ".zip", ".whl", ".tbz", ".tgz", ".txz", ".tlz",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// pip's is_url: a scheme pip fetches from, before the first ":".
bool IsUrl(std::string_view s) {
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  std::string scheme = Lower(s.substr(0, colon));
  if (scheme == "http" || scheme == "https" || scheme == "file" || scheme == "ftp") return true;
  for (std::string_view vcs : kVcsSchemes) {
    if (scheme == vcs) return true;
  }
  return false;
}

// pip's _looks_like_path (POSIX): a "/" anywhere, or a leading ".".
bool LooksLikePath(std::string_view s) {
  return s.find('/') != std::string_view::npos || StartsWith(s, ".");
}

// The archive extension `name` ends with, or "".
std::string_view ArchiveExtension(std::string_view name) {
  std::string lower = Lower(name);
  for (std::string_view ext : kArchiveExtensions) {
    if (EndsWith(lower, ext)) return ext;
  }
  return {};
}

// pip's _strip_extras: "path[extra,other]" -> "path", with "[extra,other]"
// in `extras`.
std::string_view StripExtras(std::string_view text, std::string_view& extras) {
  extras = {};
  if (text.size() < 3 || text.back() != ']') return text;
  for (std::size_t open = text.size() - 2; open >= 1; --open) {
    if (text[open] == ']') break;
    if (text[open] == '[' && open + 2 < text.size()) {
      extras = text.substr(open);
      return text.substr(0, open);
    }
  }
  return text;
}

std::vector<std::string> ExtrasOf(std::string_view bracketed) {
  if (bracketed.empty()) return {};
  auto parsed = ParseRequirement("placeholder" + std::string(bracketed));
  return parsed ? parsed->extras : std::vector<std::string>{};
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The URL without its fragment and query.
std::string_view UrlWithoutFragment(std::string_view url) {
  std::size_t cut = url.find_first_of("#?");
  return cut == std::string_view::npos ? url : url.substr(0, cut);
}

// Link.filename: the last segment of the URL's path, percent-decoded.
std::string UrlFileName(std::string_view url) {
  std::string_view path = UrlWithoutFragment(url);
  std::size_t scheme = path.find("://");
  std::size_t from = scheme == std::string_view::npos ? path.find(':') + 1 : scheme + 3;
  if (scheme != std::string_view::npos) {
    std::size_t slash = path.find('/', from);
    if (slash == std::string_view::npos) return {};
    from = slash;
  }
  std::size_t last = path.rfind('/');
  if (last != std::string_view::npos && last >= from) from = last + 1;
  return PercentDecode(path.substr(from));
}

// The path of a file: URL ("file:///srv/pkg", "file://localhost/srv/pkg",
// "file:pkg"), or "" when it names another host.
std::string FileUrlPath(std::string_view url) {
  std::string_view rest = UrlWithoutFragment(url).substr(5);  // after "file:"
  if (StartsWith(rest, "//")) {
    rest.remove_prefix(2);
    std::size_t slash = rest.find('/');
    std::string_view host = rest.substr(0, slash);
    if (!host.empty() && host != "localhost") return {};
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  return PercentDecode(rest);
}

// Link.egg_fragment: the value of the first "#egg=" or "&egg=".
std::string_view EggFragment(std::string_view url) {
  for (std::size_t at = url.find("egg="); at != std::string_view::npos;
       at = url.find("egg=", at + 1)) {
    if (at == 0 || (url[at - 1] != '#' && url[at - 1] != '&')) continue;
    std::string_view value = url.substr(at + 4);
    return value.substr(0, value.find('&'));
  }
  return {};
}

// "{name}-{version}.tar.gz": the name ends at the first "-" before a digit.
bool ParseSdistFileName(std::string_view file_name, std::string& name, std::string& version) {
  std::string_view ext = ArchiveExtension(file_name);
  if (ext.empty() || ext == ".whl") return false;
  std::string_view stem = file_name.substr(0, file_name.size() - ext.size());
  for (std::size_t i = 1; i + 1 < stem.size(); ++i) {
    if (stem[i] == '-' && std::isdigit(static_cast<unsigned char>(stem[i + 1]))) {
      name = stem.substr(0, i);
      version = stem.substr(i + 1);
      return true;
    }
  }
  return false;
}

model::SourceKind KindOfUrl(std::string_view url) {
  std::string lower = Lower(url.substr(0, 8));
  if (StartsWith(lower, "git+")) return model::SourceKind::kGit;
  if (StartsWith(lower, "file:")) return model::SourceKind::kFile;
  // hg+, svn+ and bzr+ checkouts have no kind of their own; `resolved`
  // keeps the scheme.
  return model::SourceKind::kTarball;
}

class FormReader {
 public:
  FormReader(const MappedText& line, std::size_t begin, std::size_t end, const LocalPaths* local,
             model::Package& out, std::vector<FormProblem>& problems)
      : line_(line), local_(local), out_(out), problems_(problems) {
    std::string_view all = line.text();
    std::string_view text = PyStrip(all.substr(begin, end - begin));
    begin_ = static_cast<std::size_t>(text.data() - all.data());
    text_ = text;
  }

  bool ReadLine();
  bool ReadEditable();

 private:
  // Redacted, as written, of the text at `part` (a view into the line).
  std::string Shown(std::string_view part) const {
    std::size_t b = static_cast<std::size_t>(part.data() - line_.text().data());
    return RedactUserinfo(line_.Shown(b, b + part.size()));
  }
  std::size_t Offset(std::string_view part) const {
    return static_cast<std::size_t>(part.data() - line_.text().data());
  }
  bool Fail(std::size_t at, std::string message) {
    problems_.push_back(FormProblem{true, at, std::move(message)});
    return false;
  }
  void Warn(std::size_t at, std::string message) {
    problems_.push_back(FormProblem{false, at, std::move(message)});
  }
  bool FromUrl(std::string_view url, std::string_view markers);
  bool FromLocalDirectory(std::string_view path, std::string_view extras);
  bool FromArchive(std::string_view path, std::string_view extras, std::string_view markers);
  bool FromPep508(std::string_view text);
  // Sets the name (and extras) from an #egg= value; false when it is not a
  // project name.
  bool NameFromEgg(std::string_view egg);

  const MappedText& line_;
  const LocalPaths* local_;
  model::Package& out_;
  std::vector<FormProblem>& problems_;
  std::size_t begin_ = 0;
  std::string_view text_;
};

bool FormReader::NameFromEgg(std::string_view egg) {
  auto parsed = ParseRequirement(egg);
  if (!parsed || !parsed->specifier.empty() || !parsed->url.empty() || !parsed->marker.empty()) {
    return false;
  }
  out_.name = parsed->name;
  if (!parsed->extras.empty()) out_.extras = parsed->extras;
  return true;
}

bool FormReader::FromUrl(std::string_view url, std::string_view markers) {
  out_.kind = KindOfUrl(url);
  out_.resolved = Shown(url);
  out_.markers = markers;
  std::string file_name = UrlFileName(url);
  std::string name, version;
  std::string_view egg = EggFragment(url);
  if (EndsWith(Lower(file_name), ".whl")) {
    if (!ParseWheelFileName(file_name, name, version)) {
      return Fail(begin_, "'" + RedactUserinfo(file_name) + "' is not a valid wheel filename");
    }
    out_.name = name;
    out_.version = version;
    return true;
  }
  if (!egg.empty() && !NameFromEgg(egg)) {
    return Fail(begin_, "'" + Shown(text_) + "': #egg=" + RedactUserinfo(egg) +
                            " is not a project name");
  }
  if (out_.kind == model::SourceKind::kFile && local_ != nullptr && out_.name.empty()) {
    std::string path = FileUrlPath(url);
    if (!path.empty() && local_->Stat(path) == LocalPaths::Kind::kDirectory) {
      if (auto project = local_->Project(path)) {
        out_.name = project->name;
        out_.version = project->version;
        return true;
      }
    }
  }
  if (out_.kind != model::SourceKind::kGit && ParseSdistFileName(file_name, name, version)) {
    if (out_.name.empty()) out_.name = name;
    if (NormalizeName(out_.name) == NormalizeName(name)) out_.version = version;
  }
  if (out_.name.empty()) {
    return Fail(begin_, "cannot tell the name of the package at '" + Shown(url) +
                            "'; name it with #egg=NAME or NAME @ URL");
  }
  return true;
}

bool FormReader::FromLocalDirectory(std::string_view path, std::string_view extras) {
  out_.kind = model::SourceKind::kFile;
  out_.resolved = Shown(path);
  out_.extras = ExtrasOf(extras);
  std::optional<LocalProject> project;
  if (local_ != nullptr) project = local_->Project(path);
  if (!project) {
    Warn(begin_, "cannot tell the name of the local project '" + Shown(path) +
                     "' (its pyproject.toml names none); skipped");
    return false;
  }
  out_.name = project->name;
  out_.version = project->version;
  return true;
}

bool FormReader::FromArchive(std::string_view path, std::string_view extras,
                             std::string_view markers) {
  out_.kind = model::SourceKind::kFile;
  out_.resolved = Shown(path);
  out_.extras = ExtrasOf(extras);
  out_.markers = markers;
  std::string_view base = path.substr(path.rfind('/') == std::string_view::npos
                                          ? 0 : path.rfind('/') + 1);
  std::string name, version;
  bool wheel = EndsWith(Lower(base), ".whl");
  if (wheel ? ParseWheelFileName(base, name, version) : ParseSdistFileName(base, name, version)) {
    out_.name = name;
    out_.version = version;
    return true;
  }
  if (wheel) return Fail(begin_, "'" + Shown(base) + "' is not a valid wheel filename");
  return Fail(begin_, "cannot tell the name of the package in '" + Shown(path) + "'");
}

bool FormReader::FromPep508(std::string_view text) {
  auto parsed = ParseRequirement(text);
  if (!parsed) {
    // "column N: expected ..." -> the offset, and the rest.
    const std::string& message = parsed.error().message;
    std::size_t colon = message.find(": ");
    std::size_t column = 0;
    for (std::size_t i = 7; i < colon && std::isdigit(static_cast<unsigned char>(message[i])); ++i) {
      column = column * 10 + static_cast<std::size_t>(message[i] - '0');
    }
    if (colon == std::string::npos || column == 0) return Fail(begin_, message);
    std::string why = "invalid requirement '" + Shown(text) + "': " + message.substr(colon + 2);
    bool has_operator = false;
    for (std::string_view op : {"~=", "==", "!=", "<=", ">=", "<", ">"}) {
      if (text.find(op) != std::string_view::npos) has_operator = true;
    }
    if (text.find('=') != std::string_view::npos && !has_operator) {
      why += " (= is not a valid operator. Did you mean == ?)";
    }
    return Fail(Offset(text) + column - 1, why);
  }
  out_.name = parsed->name;
  out_.extras = parsed->extras;
  out_.markers = parsed->marker;
  if (!parsed->url.empty()) {
    std::string_view url = text.substr(text.find(parsed->url), parsed->url.size());
    std::size_t scheme = url.find("://");
    bool file = StartsWith(Lower(url), "file:");
    if (!file && (scheme == std::string_view::npos || scheme == 0 || scheme + 3 >= url.size() ||
                  url[scheme + 3] == '/')) {
      return Fail(Offset(url), "invalid requirement '" + Shown(text) + "': invalid URL '" +
                                   Shown(url) + "'");
    }
    out_.kind = KindOfUrl(url);
    out_.resolved = Shown(url);
    std::string file_name = UrlFileName(url), name, version;
    if (out_.kind != model::SourceKind::kGit &&
        (ParseWheelFileName(file_name, name, version) ||
         ParseSdistFileName(file_name, name, version)) &&
        NormalizeName(name) == NormalizeName(out_.name)) {
      out_.version = version;
    }
    return true;
  }
  out_.version = PinnedVersion(parsed->specifier);
  if (out_.version.empty()) out_.specifier = parsed->specifier;
  return true;
}

bool FormReader::ReadLine() {
  // parse_req_from_line: markers follow "; " after a URL, ";" otherwise.
  bool url = IsUrl(text_);
  std::size_t cut = text_.find(url ? "; " : ";");
  std::string_view requirement = PyStrip(text_.substr(0, cut));
  std::string_view markers;
  if (cut != std::string_view::npos) markers = PyStrip(text_.substr(cut + (url ? 2 : 1)));
  if (url) return FromUrl(requirement, markers);

  std::string_view extras;
  std::string_view path = StripExtras(requirement, extras);
  bool path_like = LooksLikePath(requirement);
  LocalPaths::Kind kind = LocalPaths::Kind::kMissing;
  if (local_ != nullptr && (path_like || !ArchiveExtension(path).empty())) {
    kind = local_->Stat(path);
  }
  if (kind == LocalPaths::Kind::kOutside) {
    return Fail(begin_, "'" + Shown(path) + "' is outside the scanned directory; not read");
  }
  // "name @ ./x" is a PEP 508 requirement (with a URL pip refuses), not a path.
  std::size_t at_sign = requirement.find('@');
  bool named_url = at_sign != std::string_view::npos &&
                   !LooksLikePath(requirement.substr(0, at_sign));
  // Without the file system, a path is a directory unless it has an
  // archive's extension or reads as a URL of a scheme pip does not know.
  bool url_like = requirement.find("://") != std::string_view::npos;
  if (path_like && (local_ == nullptr ? ArchiveExtension(path).empty() && !named_url && !url_like
                                       : kind == LocalPaths::Kind::kDirectory)) {
    out_.markers = markers;
    return FromLocalDirectory(path, extras);
  }
  if (!ArchiveExtension(path).empty()) {
    if (local_ == nullptr || kind == LocalPaths::Kind::kFile) {
      return FromArchive(path, extras, markers);
    }
    if (!named_url) {
      Warn(begin_, "'" + Shown(requirement) +
                       "' looks like a file name, but the file does not exist");
      return FromArchive(path, extras, markers);
    }
  }
  if (path_like && local_ != nullptr && kind == LocalPaths::Kind::kMissing && !named_url) {
    return Fail(begin_, "invalid requirement '" + Shown(requirement) +
                            "': it looks like a path, but there is no such directory");
  }
  return FromPep508(text_);
}

bool FormReader::ReadEditable() {
  out_.flags.editable = true;
  std::string_view extras;
  std::string_view path = StripExtras(text_, extras);
  LocalPaths::Kind kind = local_ != nullptr && !IsUrl(path) ? local_->Stat(path)
                                                              : LocalPaths::Kind::kMissing;
  if (kind == LocalPaths::Kind::kOutside) {
    return Fail(begin_, "'" + Shown(path) + "' is outside the scanned directory; not read");
  }
  bool directory = local_ != nullptr ? kind == LocalPaths::Kind::kDirectory
                                     : LooksLikePath(path) &&
                                           path.find("://") == std::string_view::npos;
  if (directory) return FromLocalDirectory(path, extras);
  std::string lower = Lower(text_);
  if (StartsWith(Lower(path), "file:")) {
    out_.extras = ExtrasOf(extras);
    return FromUrl(path, {});
  }
  std::string vcs = lower.substr(0, lower.find('+'));
  bool has_plus = lower.find('+') != std::string::npos;
  for (std::string_view bare : {"bzr:", "git:", "hg:", "svn:"}) {
    if (StartsWith(lower, bare)) {
      vcs = std::string(bare.substr(0, bare.size() - 1));
      has_plus = true;
    }
  }
  if (!has_plus) {
    return Fail(begin_, "'" + Shown(text_) +
                            "' is not a valid editable requirement: it should be a path to a "
                            "local project or a VCS URL (beginning with bzr+, git+, hg+ or svn+)");
  }
  if (vcs != "bzr" && vcs != "git" && vcs != "hg" && vcs != "svn") {
    return Fail(begin_, "for --editable='" + Shown(text_) +
                            "', only bzr+URL, git+URL, hg+URL, svn+URL are supported");
  }
  out_.kind = vcs == "git" ? model::SourceKind::kGit : model::SourceKind::kTarball;
  out_.resolved = Shown(text_);
  std::string_view egg = EggFragment(text_);
  if (egg.empty()) {
    return Fail(begin_, "Could not detect requirement name for '" + Shown(text_) +
                            "', please specify one with #egg=your_package_name");
  }
  if (!NameFromEgg(egg)) {
    return Fail(begin_, "'" + Shown(text_) + "': #egg=" + RedactUserinfo(egg) +
                            " is not a project name");
  }
  return true;
}

}  // namespace

bool ParseWheelFileName(std::string_view file_name, std::string& name, std::string& version) {
  if (!EndsWith(Lower(file_name), ".whl")) return false;
  std::string_view stem = file_name.substr(0, file_name.size() - 4);
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t dash = stem.find('-', start);
    parts.push_back(stem.substr(start, dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() != 5 && parts.size() != 6) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty() && i != 1) return false;
    for (char c : parts[i]) {
      if (std::isspace(static_cast<unsigned char>(c))) return false;
    }
  }
  if (parts.size() == 6 && !std::isdigit(static_cast<unsigned char>(parts[2][0]))) return false;
  name = parts[0];
  version = parts[1];
  for (char& c : name) c = c == '_' ? '-' : c;
  for (char& c : version) c = c == '_' ? '-' : c;
  return true;
}

bool ReadRequirementForm(const MappedText& line, std::size_t begin, std::size_t end,
                         bool editable, const LocalPaths* local, model::Package& out,
                         std::vector<FormProblem>& problems) {
  out.ecosystem = model::Ecosystem::kPyPI;
  FormReader reader(line, begin, end, local, out, problems);
  return editable ? reader.ReadEditable() : reader.ReadLine();
}

}  // namespace chainward::collect::pypi
