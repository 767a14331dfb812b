// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <mutex>
#include <string>

struct nft_ctx;

namespace cowl::node {

// RAII over one libnftables context. An nft_ctx is single-threaded, so every
// use goes through run(), which holds the context's lock. One script = one
// atomic batch: all of it applies or none of it does.
class NftContext {
public:
    NftContext();
    ~NftContext();
    NftContext(const NftContext&) = delete;
    NftContext& operator=(const NftContext&) = delete;

    // Returns nft's output (e.g. a JSON listing); throws std::runtime_error with nft's message.
    std::string run(const std::string& script);

private:
    std::mutex m_mutex;
    nft_ctx* m_ctx = nullptr;
};

} // namespace cowl::node
