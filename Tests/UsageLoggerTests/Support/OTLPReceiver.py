#!/usr/bin/env python3
"""A loopback OTLP/HTTP receiver for usage-logger's tests.

Listens on 127.0.0.1 (a free port, or --port), writes the port to --ready once it listens, and validates every
request body against the official OTLP protobuf definitions: `google.protobuf.json_format.Parse` into
ExportMetricsServiceRequest (/v1/metrics) or ExportLogsServiceRequest (/v1/logs) from the `opentelemetry-proto`
package, unknown fields refused. Each request is appended to --record as one JSON line: path, whether it was
valid (and why not), whether the Authorization header matched --token, and the body as sent.

Misbehaviour on demand: --fail N answers the first N requests with --status (500, 429 with Retry-After: 1, ...);
--delay S sleeps S seconds before answering each request (a slow collector). An invalid payload gets 400, a wrong
or missing Authorization (with --token) 401, as a collector would.
"""

import argparse
import http.server
import json
import os
import sys
import threading
import time

from google.protobuf import json_format
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2

REQUESTS = {
    "/v1/metrics": metrics_service_pb2.ExportMetricsServiceRequest,
    "/v1/logs": logs_service_pb2.ExportLogsServiceRequest,
}


def validate(path, body):
    """None when the body is a valid OTLP JSON request for the path, else why not."""
    message_type = REQUESTS.get(path)
    if message_type is None:
        return "unknown path " + path
    try:
        message = json_format.Parse(body.decode("utf-8"), message_type(), ignore_unknown_fields=False)
    except Exception as error:  # json_format.ParseError, UnicodeDecodeError
        return "not valid OTLP JSON: %s" % error
    resources = message.resource_metrics if path == "/v1/metrics" else message.resource_logs
    if not resources:
        return "no resource"
    for resource in resources:
        keys = {attribute.key for attribute in resource.resource.attributes}
        if "service.name" not in keys:
            return "the resource has no service.name"
        if path == "/v1/metrics":
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    kind = metric.WhichOneof("data")
                    points = getattr(metric, kind).data_points if kind else []
                    if not metric.name or not points:
                        return "metric %r without a name or data points" % metric.name
                    for point in points:
                        if point.time_unix_nano == 0:
                            return "metric %s has a point without timeUnixNano" % metric.name
                    if kind == "sum" and metric.sum.aggregation_temporality == 0:
                        return "sum %s without aggregationTemporality" % metric.name
        else:
            for scope in resource.scope_logs:
                for record in scope.log_records:
                    if record.time_unix_nano == 0 or record.severity_number == 0 or not record.body.string_value:
                        return "log record without time, severity or body"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ready", required=True)
    parser.add_argument("--record", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token")
    parser.add_argument("--fail", type=int, default=0)
    parser.add_argument("--status", type=int, default=500)
    parser.add_argument("--delay", type=float, default=0)
    options = parser.parse_args()
    lock = threading.Lock()
    counter = {"requests": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                counter["requests"] += 1
                number = counter["requests"]
            if options.delay:
                time.sleep(options.delay)
            problem = validate(self.path, body)
            authorized = options.token is None or self.headers.get("Authorization") == "Bearer " + options.token
            if number <= options.fail:
                status = options.status
            elif problem:
                status = 400
            elif not authorized:
                status = 401
            else:
                status = 200
            try:
                sent = json.loads(body)
            except ValueError:
                sent = None
            entry = {
                "number": number, "path": self.path, "status": status, "valid": problem is None,
                "problem": problem, "authorized": authorized,
                "content_type": self.headers.get("Content-Type"), "body": sent,
            }
            with lock, open(options.record, "a") as record:
                record.write(json.dumps(entry) + "\n")
            answer = b"{}" if status == 200 else json.dumps({"message": problem or "failing on purpose"}).encode()
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "1")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *arguments):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    temporary = options.ready + ".tmp"
    with open(temporary, "w") as ready:
        ready.write(str(server.server_address[1]))
    os.rename(temporary, options.ready)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
