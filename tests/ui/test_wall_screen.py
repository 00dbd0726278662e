"""`--wall` fills the screen it is on and sizes its type by that screen.

A kiosk PC runs X without a window manager: nobody acts on "full screen" there, and the
window stayed at its own size (902x100 in this test before the fix). A 4K panel without OS
scaling gets type twice as many pixels high as Full HD: the same millimetres on the same
55-inch screen. Each case runs the real app in a process of its own, with an offscreen
screen of that size, and (where Xvfb is installed) on a real X server without a window
manager.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("wall_probe.py")
SCREENS = {
    (1920, 1080): TESTS / "offscreen-screen.json",
    (3840, 2160): TESTS / "offscreen-screen-4k.json",
}


def probe(env: dict[str, str]) -> dict[str, list[int] | int]:
    """The wall window as the app opens it, in a process of its own."""
    paths = [str(TESTS.parent), env.get("PYTHONPATH", "")]
    env = {**env, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, str(PROBE)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def offscreen(size: tuple[int, int]) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={SCREENS[size]}"}


@contextmanager
def bare_x_server(size: tuple[int, int]) -> Iterator[dict[str, str]]:
    """An X server (Xvfb) with no window manager, as on a kiosk PC."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (scripts/setup --dev installs it)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size[0]}x{size[1]}x24",
         "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        assert display, "Xvfb did not start"
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def check(full_hd: dict, four_k: dict) -> None:  # type: ignore[type-arg]
    for seen, size in ((full_hd, (1920, 1080)), (four_k, (3840, 2160))):
        assert seen["screen"] == [0, 0, *size]
        assert seen["window"] == seen["screen"]  # the whole screen, from the first frame
    assert full_hd["title_px"] >= 30  # readable from 3 m on a 55-inch wall
    assert 1.9 <= four_k["title_px"] / full_hd["title_px"] <= 2.1


def test_the_wall_fills_the_screen_and_4k_type_is_twice_full_hd() -> None:
    check(probe(offscreen((1920, 1080))), probe(offscreen((3840, 2160))))


def test_the_wall_fills_a_screen_without_a_window_manager() -> None:
    with bare_x_server((1920, 1080)) as env:
        full_hd = probe(env)
    with bare_x_server((3840, 2160)) as env:
        four_k = probe(env)
    check(full_hd, four_k)
