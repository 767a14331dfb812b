// SPDX-License-Identifier: GPL-3.0-or-later
// This binary runs on the cache it tests: its operator new and delete are
// the node's (the Memory prefix links node/memory), Qt's allocations included.
#include <QtTest>

#include <malloc.h>

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "node/memory/ThreadCache.h"

using namespace cowl::node::memory;

namespace {

std::size_t mallocInUse() { return mallinfo2().uordblks; }

// Addresses are compared as numbers: a freed pointer's value is what is tested.
std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// A block the cache keeps but glibc's own per-thread cache would not
// (above 1,032 bytes).
constexpr std::size_t kFrameSize = 1441;

} // namespace

class MemoryThreadCacheTest : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        if (!threadCacheActive())
            QSKIP("sanitizer build: the sanitizer's operator new runs instead");
    }

    void aFreedBlockServesTheThreadsNextAllocationOfItsClass()
    {
        void* block = ::operator new(kFrameSize);
        const auto first = address(block);
        auto before = threadCacheHeld();
        ::operator delete(block, kFrameSize);
        QCOMPARE(threadCacheHeld().blocks, before.blocks + 1);
        // Held by the cache, so malloc does not hand it out...
        void* fromMalloc = std::malloc(kFrameSize);
        QVERIFY(address(fromMalloc) != first);
        std::free(fromMalloc);
        // ...and the next request of the same class (a little smaller too) gets it.
        void* again = ::operator new(kFrameSize - 20);
        QCOMPARE(address(again), first);
        QCOMPARE(threadCacheHeld().blocks, before.blocks);
        ::operator delete(again);
    }

    void deleteWithoutASizeFindsTheBlocksClass()
    {
        for (std::size_t size : {1u, 16u, 17u, 100u, 512u, 513u, 1000u, 2049u, 4096u}) {
            void* p = ::operator new(size);
            const auto freed = address(p);
            ::operator delete(p); // unsized: the class comes from malloc_usable_size
            void* q = ::operator new(size);
            QCOMPARE(address(q), freed);
            ::operator delete(q, size);
        }
    }

    void everyBlockIsAlignedAndWritableToItsFullSize()
    {
        std::vector<std::pair<unsigned char*, std::size_t>> blocks;
        for (std::size_t size = 0; size <= kThreadCacheMaxBytes + 100; size += 7) {
            auto* p = static_cast<unsigned char*>(::operator new(size));
            QCOMPARE(reinterpret_cast<std::uintptr_t>(p) % alignof(std::max_align_t), std::uintptr_t(0));
            std::memset(p, 0xA5, size);
            blocks.emplace_back(p, size);
        }
        for (auto [p, size] : blocks)
            ::operator delete(p, size);
        // Reused blocks are still large enough (malloc's checks would catch an overrun on free).
        for (auto& [p, size] : blocks) {
            p = static_cast<unsigned char*>(::operator new(size));
            std::memset(p, 0x5A, size);
        }
        for (auto [p, size] : blocks)
            ::operator delete[](p);
    }

    void theCacheIsBoundedPerClass()
    {
        auto before = threadCacheHeld();
        std::vector<void*> blocks;
        for (int i = 0; i < 5000; ++i)
            blocks.push_back(::operator new(kFrameSize));
        for (void* p : blocks)
            ::operator delete(p, kFrameSize);
        auto held = threadCacheHeld();
        QVERIFY(held.blocks > before.blocks);
        QVERIFY2(held.bytes - before.bytes <= kThreadCacheClassBudget,
                 qPrintable(QString::number(held.bytes - before.bytes)));
    }

    void aThreadReturnsItsCacheToMallocWhenItEnds()
    {
        constexpr int kBlocks = 200; // within the class's budget
        std::vector<void*> blocks;
        for (int i = 0; i < kBlocks; ++i)
            blocks.push_back(::operator new(300));
        std::size_t inUse = mallocInUse();
        std::size_t heldThere = 0;
        // Freed on another thread: that thread's cache keeps them, until it ends.
        std::thread([&] {
            for (void* p : blocks)
                ::operator delete(p, 300);
            heldThere = threadCacheHeld().blocks;
        }).join();
        QCOMPARE(heldThere, std::size_t(kBlocks));
        // Most of it back (the thread's own arena keeps a little bookkeeping);
        // without the drain none would be.
        QVERIFY2(mallocInUse() + kBlocks * 300 * 3 / 4 <= inUse,
                 qPrintable(QStringLiteral("in use %1 before, %2 after").arg(inUse).arg(mallocInUse())));
    }

    void aThreadLocalFreedAfterTheCacheRetiredGoesToMalloc()
    {
        // thread_local destructors run before the cache empties; one that
        // frees later (a pthread key of its own, created after ours) must not
        // leave a block in a retired cache.
        std::thread([] {
            thread_local std::unique_ptr<std::string> late(new std::string(2000, 'x'));
            QCOMPARE(late->size(), std::size_t(2000));
        }).join();
        std::thread([] {
            static pthread_key_t key = [] {
                pthread_key_t k;
                pthread_key_create(&k, [](void* p) { delete static_cast<std::string*>(p); });
                return k;
            }();
            auto* text = new std::string(3000, 'y');
            delete new std::string(3000, 'z'); // the cache is in use, so it will retire
            pthread_setspecific(key, text);
        }).join();
    }

    void hugeRequestsFailWithBadAlloc()
    {
        QVERIFY_THROWS_EXCEPTION(std::bad_alloc, (void)::operator new(std::size_t(1) << 62));
        QCOMPARE(::operator new(std::size_t(1) << 62, std::nothrow), nullptr);
    }

    void everyAllocationIsDistinct()
    {
        void* a = ::operator new(0);
        void* b = ::operator new(0);
        QVERIFY(a && b && a != b);
        ::operator delete(a, std::size_t(0));
        ::operator delete(b);
    }
};

QTEST_GUILESS_MAIN(MemoryThreadCacheTest)
#include "MemoryThreadCacheTest.moc"
