// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>

#include "node/proxy/ProxyStream.h"
#include "node/proxy/StreamIo.h"

namespace cowl::node {

// After a 101 the proxy is a byte pipe: both directions copied as they come
// (frames are the endpoints' business), until either side closes, the idle
// timeout passes, or a lockdown closes the client socket.
class WebSocketTunnel {
public:
    struct Totals {
        std::uint64_t toUpstream = 0;
        std::uint64_t toClient = 0;
    };

    template <class Client, class Upstream>
    static ProxyTask<Totals> run(Client& client, boost::beast::flat_buffer& clientBuffer,
                                              Upstream& upstream, boost::beast::flat_buffer& upstreamBuffer,
                                              std::chrono::milliseconds idle)
    {
        namespace asio = boost::asio;
        Totals totals;
        auto executor = co_await asio::this_coro::executor;
        ProxyTimer otherDone(executor, ProxyTimer::time_point::max());
        bool otherFinished = false;
        asio::co_spawn(
            executor,
            [&]() -> ProxyTask<void> {
                totals.toClient = co_await pump(upstream, upstreamBuffer, client, idle);
                closeBoth(client, upstream);
                otherFinished = true;
                otherDone.cancel();
            },
            asio::detached);
        totals.toUpstream = co_await pump(client, clientBuffer, upstream, idle);
        closeBoth(client, upstream);
        if (!otherFinished) {
            boost::system::error_code ec;
            co_await otherDone.async_wait(asio::redirect_error(kProxyAwait, ec));
        }
        co_return totals;
    }

private:
    template <class From, class To>
    static ProxyTask<std::uint64_t> pump(From& from, boost::beast::flat_buffer& pending, To& to,
                                                      std::chrono::milliseconds idle)
    {
        namespace asio = boost::asio;
        std::uint64_t total = 0;
        boost::system::error_code ec;
        if (pending.size() > 0) {
            co_await writeAll(to, pending.data(), ec);
            if (ec)
                co_return total;
            total += pending.size();
            pending.consume(pending.size());
        }
        char buffer[16 * 1024];
        for (;;) {
            boost::beast::get_lowest_layer(from).expires_after(idle);
            std::size_t n = co_await readSome(from, asio::buffer(buffer), ec);
            if (ec)
                co_return total;
            boost::beast::get_lowest_layer(to).expires_after(idle);
            co_await writeAll(to, asio::buffer(buffer, n), ec);
            if (ec)
                co_return total;
            total += n;
        }
    }

    template <class Client, class Upstream>
    static void closeBoth(Client& client, Upstream& upstream)
    {
        boost::beast::get_lowest_layer(client).close();
        boost::beast::get_lowest_layer(upstream).close();
    }
};

} // namespace cowl::node
