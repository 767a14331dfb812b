// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/TokenIssuer.h"

#include <stdexcept>

#include "node/api/UtcClock.h"
#include "shared/Id.h"
#include "shared/crypto/Random.h"
#include "shared/crypto/TokenHash.h"

namespace cowl::node {

TokenIssuer::Issued TokenIssuer::issue(DocumentStore& store, const std::string& name, TokenRole role,
                                       const std::optional<std::string>& realmId) {
    validateTokenName(name);
    Issued issued;
    issued.secret = "cowl_" + Random::hex(32);
    issued.token = Token{Id::generate().str(), name, realmId, role, UtcClock::now(), std::nullopt};
    nlohmann::json body = issued.token;
    body["sha256"] = TokenHash::sha256Hex(issued.secret);
    store.put("tokens", issued.token.id, std::move(body), 0);
    return issued;
}

Realm TokenIssuer::createRealm(DocumentStore& store, const std::string& name) {
    validateRealmName(name);
    if (findRealmByName(store, name)) {
        throw std::invalid_argument("a realm named \"" + name + "\" already exists; pick another name");
    }
    Realm realm{Id::generate().str(), name, UtcClock::now(), 0};
    auto stored = store.put("realms", realm.id,
                            nlohmann::json{{"id", realm.id}, {"name", realm.name}, {"created_at", realm.createdAt}}, 0);
    realm.version = stored.version;
    return realm;
}

std::optional<Realm> TokenIssuer::findRealmByName(const DocumentStore& store, const std::string& name) {
    for (const auto& doc : store.list("realms")) {
        if (doc.body.value("name", std::string()) == name) {
            return realmFromStored(doc);
        }
    }
    return std::nullopt;
}

Token TokenIssuer::tokenFromStored(const StoredDocument& doc) {
    nlohmann::json body = doc.body;
    body.erase("sha256");
    return body.get<Token>();
}

Realm TokenIssuer::realmFromStored(const StoredDocument& doc) {
    nlohmann::json body = doc.body;
    body["version"] = doc.version;
    return body.get<Realm>();
}

} // namespace cowl::node
