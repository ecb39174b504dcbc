"""The preview server alone (no watch): what it answers to and what it serves, with hand-made requests."""

from __future__ import annotations

import http.client
import socket
import struct
import threading
import time

import pytest

from meetingpress.build.preview import Preview, server


@pytest.fixture
def preview(fixture_project):
    """A server on a free port over an output/ with a built file, the build's records and a link out of it."""
    output = fixture_project.output
    (output / ".meetingpress").mkdir(parents=True)
    (output / ".meetingpress" / "a.json").write_text('{"paths": "/home/someone/project"}', encoding="utf-8")
    (output / "a").mkdir()
    (output / "a" / "news.nl.html").write_text("<p>news</p>", encoding="utf-8")
    secret = fixture_project.root.parent / "elsewhere"
    secret.mkdir()
    (secret / "secret.txt").write_text("not for the preview", encoding="utf-8")
    (output / "b").symlink_to(secret, target_is_directory=True)
    (output / "c.txt").symlink_to(secret / "secret.txt")
    project = fixture_project.project
    httpd = server(project, Preview(project), 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def request(port: int, path: str, host: str | None = None, method: str = "GET") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_the_outputs_are_served_by_the_address_and_by_localhost(preview):
    assert request(preview, "/a/news.nl.html") == (200, b"<p>news</p>")
    assert request(preview, "/a/news.nl.html", host=f"LocalHost:{preview}") == (200, b"<p>news</p>")
    assert request(preview, "/a/news%2Enl.html")[0] == 200


@pytest.mark.parametrize(
    "path",
    ["/.meetingpress/a.json", "/%2emeetingpress/a.json", "/%2Emeetingpress/a.json", "/a/..%2f.meetingpress/a.json",
     "/a/%2e%2e/%2emeetingpress/a.json", "//.meetingpress/a.json", "/.meetingpress/", "/%2e%2e/%2e%2e/etc/passwd",
     "/b/secret.txt", "/c.txt", "/b/"],
)
def test_hidden_files_and_links_out_of_output_are_not_served(preview, capfd, path):
    for method in ("GET", "HEAD"):
        status, body = request(preview, path, method=method)
        assert status == 404, (method, path)
        assert b"/home/someone" not in body and b"not for the preview" not in body
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("path", ["/%00", "/a/%00.html", "/a/news.nl.html%00", "/%ff", "/a/%ed%a0%80", "/%0d%0a",
                                  "/%7f", "*"])
def test_a_malformed_path_is_a_bad_request_without_a_traceback(preview, capfd, path):
    assert request(preview, path)[0] == 400
    assert "Traceback" not in capfd.readouterr().err
    assert request(preview, "/a/news.nl.html")[0] == 200  # the server is still there


@pytest.mark.parametrize("host", ["evil.example", f"evil.example:{8000}", "127.0.0.1", "127.0.0.1:1", "localhost",
                                  "127.0.0.1.nip.io", "", "[::1]"])
def test_a_request_for_another_host_is_refused(preview, host):
    """A page on evil.example whose name now points at 127.0.0.1 (DNS rebinding) sends its own Host."""
    for path in ("/", "/_preview/state.json", "/a/news.nl.html"):
        status, body = request(preview, path, host=host.replace("8000", str(preview)))
        assert status == 421, (host, path)
        assert b"news" not in body


def test_a_browser_that_goes_away_mid_answer_prints_no_traceback(preview, fixture_project, capfd):
    (fixture_project.output / "a" / "report.en.pdf").write_bytes(b"%PDF" * 5_000_000)
    for _ in range(3):
        client = socket.create_connection(("127.0.0.1", preview))
        client.sendall(f"GET /a/report.en.pdf HTTP/1.1\r\nHost: 127.0.0.1:{preview}\r\n\r\n".encode())
        client.recv(100)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
        client.close()
    time.sleep(0.5)  # the server's threads notice the resets
    assert request(preview, "/a/news.nl.html")[0] == 200
    assert "Traceback" not in capfd.readouterr().err
