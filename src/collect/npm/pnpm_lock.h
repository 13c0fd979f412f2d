// pnpm-lock.yaml: lockfileVersion 5.x, 6.x and 9.x, multi-document files included.
#ifndef CHAINWARD_COLLECT_NPM_PNPM_LOCK_H_
#define CHAINWARD_COLLECT_NPM_PNPM_LOCK_H_

#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/package.h"

namespace chainward::collect::npm {

// Parses a pnpm-lock.yaml. Importers (the root and workspace members) give
// the direct dependencies. A multi-document file (pnpm 9 with
// manage-package-manager-versions writes one) is read document by document.
Result<model::Source> ParsePnpmLock(std::string_view path,
                                    std::string_view content,
                                    Diagnostics& diagnostics);

}  // namespace chainward::collect::npm

#endif  // CHAINWARD_COLLECT_NPM_PNPM_LOCK_H_
