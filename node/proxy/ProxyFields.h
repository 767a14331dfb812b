// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <new>
#include <optional>
#include <tuple>
#include <utility>

#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>

namespace cowl::node {

// Beast allocates every header field, and the start line, separately: a
// dozen malloc/free pairs per proxied request, a tenth of the proxy's CPU.
// A connection instead parks the fields of the exchange in flight in one
// block it owns; the block is reused as soon as no field in it is alive, so
// a keep-alive connection allocates nothing per request. Heads larger than
// the block spill to the heap.
class FieldArena {
public:
    static constexpr std::size_t kBytes = 8 * 1024;

    void* allocate(std::size_t bytes, std::size_t align)
    {
        std::size_t at = (m_used + align - 1) & ~(align - 1);
        if (at + bytes > kBytes)
            return ::operator new(bytes);
        m_used = at + bytes;
        ++m_live;
        return m_block.data() + at;
    }

    void deallocate(void* p) noexcept
    {
        auto* byte = static_cast<std::byte*>(p);
        if (byte < m_block.data() || byte >= m_block.data() + kBytes) {
            ::operator delete(p);
            return;
        }
        if (--m_live == 0)
            m_used = 0;
    }

    // Bytes of the block in use; 0 once nothing allocated from it is alive.
    std::size_t used() const { return m_used; }

private:
    alignas(std::max_align_t) std::array<std::byte, kBytes> m_block;
    std::size_t m_used = 0;
    std::size_t m_live = 0;
};

// Allocates from a FieldArena; default-constructed (HTTP/2 streams, tests),
// from the heap.
template <class T>
class ArenaAllocator {
public:
    using value_type = T;

    ArenaAllocator() noexcept = default;
    explicit ArenaAllocator(FieldArena& arena) noexcept : m_arena(&arena) {}
    template <class U>
    ArenaAllocator(const ArenaAllocator<U>& other) noexcept : m_arena(other.arena())
    {
    }

    T* allocate(std::size_t n)
    {
        if (!m_arena)
            return static_cast<T*>(::operator new(n * sizeof(T)));
        return static_cast<T*>(m_arena->allocate(n * sizeof(T), alignof(T)));
    }

    void deallocate(T* p, std::size_t) noexcept
    {
        if (!m_arena)
            ::operator delete(p);
        else
            m_arena->deallocate(p);
    }

    FieldArena* arena() const noexcept { return m_arena; }

    template <class U>
    bool operator==(const ArenaAllocator<U>& other) const noexcept
    {
        return m_arena == other.arena();
    }

private:
    FieldArena* m_arena = nullptr;
};

using ProxyFields = boost::beast::http::basic_fields<ArenaAllocator<char>>;
using ProxyRequestHeader = boost::beast::http::request_header<ProxyFields>;
using ProxyResponseHeader = boost::beast::http::response_header<ProxyFields>;
using ProxyRequestParser = boost::beast::http::request_parser<boost::beast::http::buffer_body, ArenaAllocator<char>>;
using ProxyResponseParser = boost::beast::http::response_parser<boost::beast::http::buffer_body, ArenaAllocator<char>>;

// A parser whose fields live in `arena`.
template <class Parser>
void emplaceParser(std::optional<Parser>& parser, FieldArena* arena)
{
    if (arena)
        parser.emplace(std::piecewise_construct, std::make_tuple(), std::make_tuple(ArenaAllocator<char>(*arena)));
    else
        parser.emplace();
}

} // namespace cowl::node
