// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

// POST /api/v1/node/proxy/certificates {"certificate": PEM chain, "private_key": PEM}:
// an operator certificate the proxy picks by SNI from the next handshake on
// (no restart). The proxy itself is not part of the API library: serve
// attaches an importer that checks, installs and keeps the pair.
class ProxyCertificatesHandler {
public:
    // Returns the host names the certificate covers; throws std::runtime_error
    // saying what is wrong with the pair.
    using Importer = std::function<std::vector<std::string>(const std::string& chainPem, const std::string& keyPem)>;

    explicit ProxyCertificatesHandler(ApiServices& services) : m_s(services) {}
    void registerRoutes(Router& router);
    void attach(Importer importer) { m_importer = std::move(importer); }

private:
    ApiResponse post(RequestContext& ctx);

    ApiServices& m_s;
    Importer m_importer;
};

} // namespace cowl::node
