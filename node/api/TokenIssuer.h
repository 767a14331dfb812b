// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

#include "node/store/DocumentStore.h"
#include "shared/api/Realm.h"
#include "shared/api/Token.h"

namespace cowl::node {

// Makes tokens and realms the one way the API reads them back. `cowl-node init`
// and `cowl-node token create` (the CLI, node stopped) call these too.
//
// Stored forms: tokens/<id> = the Token JSON plus "sha256" (hex of the secret);
// realms/<id> = {"id","name","created_at"}.
class TokenIssuer {
public:
    struct Issued {
        Token token;
        std::string secret; // cowl_ + 64 hex; shown once, never stored
    };

    // No role/scope checks here: callers decide who may issue what.
    static Issued issue(DocumentStore& store, const std::string& name, TokenRole role,
                        const std::optional<std::string>& realmId);

    // Creates a realm; throws ValidationError for a bad name, std::invalid_argument
    // when the name is taken.
    static Realm createRealm(DocumentStore& store, const std::string& name);
    // The realm named `name`, if any.
    static std::optional<Realm> findRealmByName(const DocumentStore& store, const std::string& name);

    static Token tokenFromStored(const StoredDocument& doc);
    static Realm realmFromStored(const StoredDocument& doc);
};

} // namespace cowl::node
