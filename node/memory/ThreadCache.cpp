// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/memory/ThreadCache.h"

#include <malloc.h>
#include <pthread.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <new>

// Sanitizers bring their own operator new and delete to check every block;
// under them the cache steps aside.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define COWL_THREAD_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define COWL_THREAD_CACHE 0
#endif
#endif
#ifndef COWL_THREAD_CACHE
#define COWL_THREAD_CACHE 1
#endif

namespace cowl::node::memory {

namespace {

// Size classes: 16-byte steps up to 512 bytes (small strings, nodes, control
// blocks), 64-byte steps above (coroutine frames). A block is a plain malloc
// block of its class's size, so malloc and free stay valid for it.
constexpr std::size_t kSmallStep = 16;
constexpr std::size_t kSmallMax = 512;
constexpr std::size_t kLargeStep = 64;
constexpr unsigned kSmallClasses = kSmallMax / kSmallStep;
constexpr unsigned kClasses = kSmallClasses + (kThreadCacheMaxBytes - kSmallMax) / kLargeStep;

constexpr unsigned classOf(std::size_t size)
{
    if (size <= kSmallMax)
        return size == 0 ? 0 : static_cast<unsigned>((size + kSmallStep - 1) / kSmallStep - 1);
    return kSmallClasses + static_cast<unsigned>((size - kSmallMax + kLargeStep - 1) / kLargeStep) - 1;
}

constexpr std::size_t classBytes(unsigned c)
{
    return c < kSmallClasses ? (c + 1) * kSmallStep : kSmallMax + (c - kSmallClasses + 1) * kLargeStep;
}

// The largest class a block of `usable` bytes can serve (operator delete
// without a size learns it from malloc). Only called for usable ≥ 16.
constexpr unsigned classServedBy(std::size_t usable)
{
    if (usable < kSmallMax)
        return static_cast<unsigned>(usable / kSmallStep) - 1;
    return kSmallClasses - 1 + static_cast<unsigned>((usable - kSmallMax) / kLargeStep);
}

// How many freed blocks of each class a thread keeps: the class budget's
// worth, at least 16. A table, so a delete costs no division.
constexpr auto kKeep = [] {
    std::array<std::uint16_t, kClasses> keep{};
    for (unsigned c = 0; c < kClasses; ++c) {
        std::size_t n = kThreadCacheClassBudget / classBytes(c);
        keep[c] = static_cast<std::uint16_t>(n < 16 ? 16 : n);
    }
    return keep;
}();

static_assert(classOf(1) == 0 && classOf(16) == 0 && classOf(17) == 1 && classOf(512) == kSmallClasses - 1);
static_assert(classOf(513) == kSmallClasses && classBytes(kSmallClasses) == 576);
static_assert(classOf(kThreadCacheMaxBytes) == kClasses - 1 && classBytes(kClasses - 1) == kThreadCacheMaxBytes);
static_assert(classServedBy(24) == 0 && classServedBy(40) == 1 && classServedBy(575) == kSmallClasses - 1);
static_assert(classServedBy(576 + 8) == kSmallClasses && classServedBy(4096 + 8) == kClasses - 1);
static_assert(kThreadCacheClassBudget / kSmallStep <= UINT16_MAX, "counts fit the table");

struct FreeBlock {
    FreeBlock* next;
};

// Constant-initialised and trivially destructible: reaching it costs no
// initialisation check. The thread's exit empties it (see retire()).
struct Cache {
    FreeBlock* heads[kClasses];
    std::uint16_t counts[kClasses];
    bool registered; // retire() will run when the thread ends
    bool retired;    // ended: frees go straight to malloc
};

constinit thread_local Cache t_cache [[gnu::tls_model("initial-exec")]] = {};

void drain(Cache& cache)
{
    for (unsigned c = 0; c < kClasses; ++c) {
        while (FreeBlock* block = cache.heads[c]) {
            cache.heads[c] = block->next;
            std::free(block);
        }
        cache.counts[c] = 0;
    }
}

// A pthread key's destructor runs when the thread ends, after the thread's
// C++ thread_local destructors (which may still free blocks into the cache).
pthread_key_t g_exitKey;
pthread_once_t g_exitKeyOnce = PTHREAD_ONCE_INIT;

void retire(void*)
{
    t_cache.retired = true;
    drain(t_cache);
}

void registerThread(Cache& cache)
{
    pthread_once(&g_exitKeyOnce, [] { pthread_key_create(&g_exitKey, retire); });
    pthread_setspecific(g_exitKey, &cache); // non-null: the destructor runs
    cache.registered = true;
}

void* fromMalloc(std::size_t bytes)
{
    for (;;) {
        if (void* p = std::malloc(bytes))
            return p;
        std::new_handler handler = std::get_new_handler();
        if (!handler)
            throw std::bad_alloc();
        handler();
    }
}

[[gnu::always_inline]] inline void* allocate(std::size_t size)
{
    if (size <= kThreadCacheMaxBytes) {
        unsigned c = classOf(size);
        Cache& cache = t_cache;
        if (FreeBlock* block = cache.heads[c]) {
            cache.heads[c] = block->next;
            --cache.counts[c];
            return block;
        }
        size = classBytes(c);
    }
    return fromMalloc(size);
}

[[gnu::always_inline]] inline void keep(void* p, unsigned c)
{
    Cache& cache = t_cache;
    if (cache.retired || cache.counts[c] >= kKeep[c]) {
        std::free(p);
        return;
    }
    if (!cache.registered) [[unlikely]]
        registerThread(cache);
    auto* block = static_cast<FreeBlock*>(p);
    block->next = cache.heads[c];
    cache.heads[c] = block;
    ++cache.counts[c];
}

[[gnu::always_inline]] inline void release(void* p)
{
    if (!p)
        return;
    std::size_t usable = malloc_usable_size(p);
    if (usable >= classBytes(kClasses - 1) + kLargeStep) {
        std::free(p);
        return;
    }
    keep(p, classServedBy(usable));
}

[[gnu::always_inline]] inline void release(void* p, std::size_t size)
{
    if (!p)
        return;
    if (size > kThreadCacheMaxBytes) {
        std::free(p);
        return;
    }
    keep(p, classOf(size));
}

} // namespace

ThreadCacheHeld threadCacheHeld()
{
    ThreadCacheHeld held;
    for (unsigned c = 0; c < kClasses; ++c) {
        held.blocks += t_cache.counts[c];
        held.bytes += t_cache.counts[c] * classBytes(c);
    }
    return held;
}

bool threadCacheActive() { return COWL_THREAD_CACHE != 0; }

} // namespace cowl::node::memory

#if COWL_THREAD_CACHE
namespace memory = cowl::node::memory;

void* operator new(std::size_t size) { return memory::allocate(size); }
void* operator new[](std::size_t size) { return memory::allocate(size); }

void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    try {
        return memory::allocate(size);
    } catch (...) {
        return nullptr;
    }
}

void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }

void operator delete(void* p) noexcept { memory::release(p); }
void operator delete[](void* p) noexcept { memory::release(p); }
void operator delete(void* p, std::size_t size) noexcept { memory::release(p, size); }
void operator delete[](void* p, std::size_t size) noexcept { memory::release(p, size); }
void operator delete(void* p, const std::nothrow_t&) noexcept { memory::release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { memory::release(p); }
#endif
