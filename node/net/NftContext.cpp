// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/net/NftContext.h"

#include <nftables/libnftables.h>
#include <stdexcept>

namespace cowl::node {

NftContext::NftContext() : m_ctx(nft_ctx_new(NFT_CTX_DEFAULT)) {
    if (!m_ctx) {
        throw std::runtime_error("libnftables could not create a context (out of memory?)");
    }
    nft_ctx_buffer_output(m_ctx);
    nft_ctx_buffer_error(m_ctx);
}

NftContext::~NftContext() { nft_ctx_free(m_ctx); }

std::string NftContext::run(const std::string& script) {
    std::lock_guard lock(m_mutex);
    const int rc = nft_run_cmd_from_buffer(m_ctx, script.c_str());
    const char* output = nft_ctx_get_output_buffer(m_ctx);
    const char* error = nft_ctx_get_error_buffer(m_ctx);
    if (rc != 0) {
        throw std::runtime_error(std::string("nftables refused the change: ") + (error ? error : "no message"));
    }
    return output ? output : "";
}

} // namespace cowl::node
