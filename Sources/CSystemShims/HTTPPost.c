// An HTTP POST through the system's libcurl, loaded with dlopen at the first call: usage-logger neither links
// libcurl (which would add it and its TLS libraries to every start, the statusline's included, and to the static
// release build) nor loads it unless it pushes OpenTelemetry data. libcurl's ABI numbers below are stable since
// 7.x; the calls go through C because curl_easy_setopt and curl_easy_getinfo are variadic.

#include "CSystemShims.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef void CURL;
struct curl_slist;
typedef int (*easy_setopt_fn)(CURL *, int, ...);
typedef int (*easy_getinfo_fn)(CURL *, int, ...);
typedef CURL *(*easy_init_fn)(void);
typedef int (*easy_perform_fn)(CURL *);
typedef void (*easy_cleanup_fn)(CURL *);
typedef const char *(*easy_strerror_fn)(int);
typedef struct curl_slist *(*slist_append_fn)(struct curl_slist *, const char *);
typedef void (*slist_free_all_fn)(struct curl_slist *);

enum {
    OPT_WRITEDATA = 10001,
    OPT_URL = 10002,
    OPT_ERRORBUFFER = 10010,
    OPT_POSTFIELDS = 10015,
    OPT_USERAGENT = 10018,
    OPT_HTTPHEADER = 10023,
    OPT_HEADERDATA = 10029,
    OPT_POST = 47,
    OPT_NOSIGNAL = 99,
    OPT_TIMEOUT_MS = 155,
    OPT_CONNECTTIMEOUT_MS = 156,
    OPT_PROTOCOLS = 181,
    OPT_WRITEFUNCTION = 20011,
    OPT_HEADERFUNCTION = 20079,
    OPT_POSTFIELDSIZE_LARGE = 30120,
    INFO_RESPONSE_CODE = 0x200000 + 2,
    PROTO_HTTP = 1,
    PROTO_HTTPS = 2,
    ERROR_SIZE = 256,
};

static struct {
    easy_init_fn init;
    easy_setopt_fn setopt;
    easy_getinfo_fn getinfo;
    easy_perform_fn perform;
    easy_cleanup_fn cleanup;
    easy_strerror_fn strerror;
    slist_append_fn slist_append;
    slist_free_all_fn slist_free_all;
    int loaded;
} curl;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void load_curl(void) {
    static const char *const names[] = {
#if defined(__APPLE__)
        "/usr/lib/libcurl.4.dylib", "libcurl.4.dylib", "libcurl.dylib",
#else
        "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so",
#endif
    };
    void *library = NULL;
    for (size_t index = 0; index < sizeof names / sizeof names[0] && library == NULL; index++) {
        library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) return;
    curl.init = (easy_init_fn)dlsym(library, "curl_easy_init");
    curl.setopt = (easy_setopt_fn)dlsym(library, "curl_easy_setopt");
    curl.getinfo = (easy_getinfo_fn)dlsym(library, "curl_easy_getinfo");
    curl.perform = (easy_perform_fn)dlsym(library, "curl_easy_perform");
    curl.cleanup = (easy_cleanup_fn)dlsym(library, "curl_easy_cleanup");
    curl.strerror = (easy_strerror_fn)dlsym(library, "curl_easy_strerror");
    curl.slist_append = (slist_append_fn)dlsym(library, "curl_slist_append");
    curl.slist_free_all = (slist_free_all_fn)dlsym(library, "curl_slist_free_all");
    curl.loaded = curl.init && curl.setopt && curl.getinfo && curl.perform && curl.cleanup && curl.strerror &&
                  curl.slist_append && curl.slist_free_all;
}

struct capture {
    char *bytes;
    size_t capacity;
    size_t length;
};

// Keeps the first `capacity` bytes of the response body (a collector's reason for refusing) and drops the rest.
static size_t keep_body(char *data, size_t size, size_t count, void *user) {
    struct capture *capture = user;
    size_t total = size * count;
    size_t room = capture->capacity - capture->length;
    size_t taken = total < room ? total : room;
    memcpy(capture->bytes + capture->length, data, taken);
    capture->length += taken;
    return total;
}

// Notes a `Retry-After: <seconds>` header (the HTTP-date form is left to our own backoff).
static size_t note_header(char *data, size_t size, size_t count, void *user) {
    size_t total = size * count;
    static const char name[] = "retry-after:";
    if (total > sizeof name - 1 && strncasecmp(data, name, sizeof name - 1) == 0) {
        char value[32] = {0};
        size_t length = total - (sizeof name - 1);
        if (length > sizeof value - 1) length = sizeof value - 1;
        memcpy(value, data + sizeof name - 1, length);
        char *end = NULL;
        long seconds = strtol(value, &end, 10);
        if (end != value && seconds >= 0) *(long *)user = seconds;
    }
    return total;
}

static void say(char *error, size_t capacity, const char *text) {
    if (capacity == 0) return;
    snprintf(error, capacity, "%s", text);
}

int ss_http_available(void) {
    pthread_once(&curl_once, load_curl);
    return curl.loaded;
}

int ss_http_post(const char *url, const char *const headers[], int header_count, const void *body,
                 size_t body_length, long timeout_ms, long *status, long *retry_after, char *response,
                 size_t response_capacity, size_t *response_length, char *error, size_t error_capacity) {
    *status = 0;
    *retry_after = -1;
    *response_length = 0;
    if (error_capacity > 0) error[0] = 0;
    pthread_once(&curl_once, load_curl);
    if (!curl.loaded) {
        say(error, error_capacity, "libcurl (libcurl.so.4) cannot be loaded; install libcurl4 to push OpenTelemetry data");
        return -1;
    }
    CURL *handle = curl.init();
    if (handle == NULL) {
        say(error, error_capacity, "libcurl could not start a request");
        return -1;
    }
    struct curl_slist *list = NULL;
    for (int index = 0; index < header_count; index++) list = curl.slist_append(list, headers[index]);
    char buffer[ERROR_SIZE] = {0};
    struct capture capture = {response, response_capacity, 0};
    curl.setopt(handle, OPT_URL, url);
    curl.setopt(handle, OPT_PROTOCOLS, (long)(PROTO_HTTP | PROTO_HTTPS));
    curl.setopt(handle, OPT_NOSIGNAL, 1L);
    curl.setopt(handle, OPT_POST, 1L);
    curl.setopt(handle, OPT_POSTFIELDS, body);
    curl.setopt(handle, OPT_POSTFIELDSIZE_LARGE, (int64_t)body_length);
    curl.setopt(handle, OPT_HTTPHEADER, list);
    curl.setopt(handle, OPT_TIMEOUT_MS, timeout_ms);
    curl.setopt(handle, OPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl.setopt(handle, OPT_USERAGENT, "usage-logger");
    curl.setopt(handle, OPT_ERRORBUFFER, buffer);
    curl.setopt(handle, OPT_WRITEFUNCTION, keep_body);
    curl.setopt(handle, OPT_WRITEDATA, &capture);
    curl.setopt(handle, OPT_HEADERFUNCTION, note_header);
    curl.setopt(handle, OPT_HEADERDATA, retry_after);
    int code = curl.perform(handle);
    int result = 0;
    if (code == 0) {
        curl.getinfo(handle, INFO_RESPONSE_CODE, status);
        *response_length = capture.length;
    } else {
        say(error, error_capacity, buffer[0] ? buffer : curl.strerror(code));
        result = -1;
    }
    curl.cleanup(handle);
    if (list) curl.slist_free_all(list);
    return result;
}
