// SPDX-License-Identifier: GPL-3.0-or-later
// Preloaded into wrk for the full-handshake run. wrk closes a connection with
// SSL_shutdown + SSL_clear and reconnects with the same SSL object; SSL_clear
// keeps the session, so every reconnect is a resumption. Dropping the session
// after SSL_clear makes each new connection a full handshake.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <openssl/ssl.h>

int SSL_clear(SSL *ssl)
{
    static int (*real)(SSL *);
    if (!real)
        real = (int (*)(SSL *))dlsym(RTLD_NEXT, "SSL_clear");
    int result = real(ssl);
    SSL_set_session(ssl, NULL);
    return result;
}
