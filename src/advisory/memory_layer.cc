#include "advisory/memory_layer.h"

#include "advisory/builtin_feed.h"
#include "advisory/match.h"

namespace chainward::advisory {

std::string PackageKey(std::string_view ecosystem, std::string_view name) {
  std::string key(ecosystem);
  key += '\0';
  key += name;
  return key;
}

std::string_view BaseEcosystem(std::string_view ecosystem) {
  return ecosystem.substr(0, ecosystem.find(':'));
}

namespace {

// The normalized name of `name` in the OSV `ecosystem`.
std::string IndexName(std::string_view ecosystem, std::string_view name) {
  if (BaseEcosystem(ecosystem) == "PyPI") {
    return NormalizeName(model::Ecosystem::kPyPI, name);
  }
  return std::string(name);
}

}  // namespace

void MemoryLayer::Add(osv::Record record, std::string json,
                      std::string source) {
  auto found = by_id_.find(record.id);
  if (found != by_id_.end()) {
    Entry& old = entries_[found->second];
    if (record.modified < old.record.modified) return;
    // Replace in place; drop the old package keys' references lazily: Find
    // checks that the entry still names the package.
    old = Entry{std::move(record), std::move(json), std::move(source)};
    for (const osv::Affected& a : old.record.affected) {
      auto& list = by_package_[PackageKey(BaseEcosystem(a.package.ecosystem),
                                          IndexName(a.package.ecosystem,
                                                    a.package.name))];
      if (list.empty() || list.back() != found->second) {
        list.push_back(found->second);
      }
    }
    return;
  }
  std::size_t index = entries_.size();
  by_id_.emplace(record.id, index);
  entries_.push_back(Entry{std::move(record), std::move(json), std::move(source)});
  for (const osv::Affected& a : entries_.back().record.affected) {
    auto& list = by_package_[PackageKey(BaseEcosystem(a.package.ecosystem),
                                        IndexName(a.package.ecosystem,
                                                  a.package.name))];
    if (list.empty() || list.back() != index) list.push_back(index);
  }
}

std::vector<const MemoryLayer::Entry*> MemoryLayer::Find(
    std::string_view ecosystem, std::string_view normalized_name) const {
  std::vector<const Entry*> out;
  auto it = by_package_.find(PackageKey(ecosystem, normalized_name));
  if (it == by_package_.end()) return out;
  for (std::size_t index : it->second) {
    const Entry* e = &entries_[index];
    bool names = false;
    for (const osv::Affected& a : e->record.affected) {
      if (BaseEcosystem(a.package.ecosystem) == ecosystem &&
          IndexName(a.package.ecosystem, a.package.name) == normalized_name) {
        names = true;
      }
    }
    bool seen = false;
    for (const Entry* o : out) seen = seen || o == e;
    if (names && !seen) out.push_back(e);
  }
  return out;
}

const MemoryLayer::Entry* MemoryLayer::FindId(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it != by_id_.end()) return &entries_[it->second];
  for (const Entry& e : entries_) {
    for (const std::string& alias : e.record.aliases) {
      if (alias == id) return &e;
    }
  }
  return nullptr;
}

const BuiltinFeed& LoadBuiltinFeed() {
  static const BuiltinFeed* feed = [] {
    auto* f = new BuiltinFeed;
    for (const EmbeddedFile& file : BuiltinFeedFiles()) {
      if (file.name.empty()) continue;
      Result<osv::Record> r = osv::Parse(file.name, file.content);
      if (!r) {
        f->errors.push_back(r.error());
        continue;
      }
      f->layer.Add(std::move(*r), std::string(file.content),
                   std::string(file.name));
    }
    return f;
  }();
  return *feed;
}

}  // namespace chainward::advisory
