// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/Principal.h"

#include "node/api/ApiFailure.h"

namespace cowl::node {

void Principal::requireWrite() const {
    if (role != TokenRole::Admin && role != TokenRole::Operator) {
        throw ApiFailure::forbidden("a " + std::string(toString(role)) +
                                    " token may not change this; use an operator or admin token");
    }
}

void Principal::requireTokenAdmin() const {
    if (role != TokenRole::Admin) {
        throw ApiFailure::forbidden("only admin tokens manage tokens; use an admin token");
    }
}

void Principal::requireNodeAdmin() const {
    if (role != TokenRole::Admin || !nodeScope()) {
        throw ApiFailure::forbidden("only node-scope admin tokens manage realms; use the operator token from cowl-node init");
    }
}

void Principal::requireSettingsChange(const nlohmann::json& body) const {
    if (role == TokenRole::Admin || role == TokenRole::Operator) {
        return;
    }
    if (role == TokenRole::Lockdown && body.is_object()) {
        const auto enable = body.find("enable_proxy");
        bool onlyLockdown = enable != body.end() && enable->is_boolean() && !enable->get<bool>();
        for (const auto& [key, value] : body.items()) {
            onlyLockdown = onlyLockdown && (key == "enable_proxy" || key == "version");
        }
        if (onlyLockdown) {
            return;
        }
    }
    throw ApiFailure::forbidden(role == TokenRole::Lockdown
                                    ? "a lockdown token may only set enable_proxy to false; ask an operator to lift a lockdown"
                                    : "a viewer token may not change settings; use an operator or admin token");
}

} // namespace cowl::node
