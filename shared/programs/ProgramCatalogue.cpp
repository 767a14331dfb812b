// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/programs/ProgramCatalogue.h"

namespace cowl {

std::string_view toString(RiskClass risk) {
    return risk == RiskClass::Public ? "public" : "operator";
}

const std::vector<ProgramInfo>& ProgramCatalogue::all() {
    static const std::vector<ProgramInfo> programs = {
        {"http", 80, false, RiskClass::Public, "a web site or API: made to be published"},
        {"https", 443, false, RiskClass::Public, "a web site or API over TLS: made to be published"},
        {"exec", 8090, true, RiskClass::Public, "runs one fixed command per request: no shell"},
        {"pipe", 8091, true, RiskClass::Public, "streams data in or out of a fixed process"},
        {"tunnel", 8092, true, RiskClass::Public, "forwards to one fixed service"},
        {"terminal", 7681, true, RiskClass::Operator, "a shell in the container: whoever reaches it runs commands"},
        {"files", 8081, false, RiskClass::Operator, "the container's filesystem: read and write every file"},
        {"sqlite", 8082, true, RiskClass::Operator, "a database: read and change all its data"},
        {"display", 6080, true, RiskClass::Operator, "a remote desktop: full control of the session"},
        {"code", 8443, true, RiskClass::Operator, "an editor with filesystem and terminal access"},
        {"browser", 9222, true, RiskClass::Operator, "a browser with JS evaluation and its cookies"},
        {"agent", 8093, false, RiskClass::Operator, "orchestrates every other program of the container"},
        {"cron", 8094, false, RiskClass::Operator, "schedules commands: persistent code execution"},
        {"daemon", 8095, true, RiskClass::Operator, "starts long-running processes: persistent execution"},
        {"curl", 8096, true, RiskClass::Operator, "fetches any URL from inside: an SSRF gateway"},
        {"ssh", 22, false, RiskClass::Operator, "a shell over SSH"},
        {"logs", 8097, false, RiskClass::Operator, "the container's logs: often hold secrets"},
        {"notes", 8098, true, RiskClass::Operator, "private notes of the operator"},
        {"watch", 8099, true, RiskClass::Operator, "watches processes and files: reveals what runs inside"},
        {"workspaces", 8100, false, RiskClass::Operator, "manages workspaces: reaches every other program"},
    };
    return programs;
}

const ProgramInfo* ProgramCatalogue::find(std::string_view slug) {
    for (const ProgramInfo& p : all()) {
        if (p.slug == slug) {
            return &p;
        }
    }
    return nullptr;
}

} // namespace cowl
