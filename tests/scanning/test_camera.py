"""The document camera, with a video file as the camera: each page laid down is captured once,
when the picture is still, and comes out straightened with its barcodes readable."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from desk_app.core.errors import InvalidInput
from desk_app.core.scanning import camera, indexing, pipeline
from tests.scanning import synth


def test_video_file_as_camera_captures_each_still_page_once(tmp_path):
    rng = np.random.default_rng(2)
    size = (1280, 960)
    desk = np.full((size[1], size[0], 3), 40, np.uint8)

    def shot(kind: str, case_no: str) -> np.ndarray:
        page = synth.render(synth.form_pdf(kind, case_no=case_no), 100)
        img = synth.camera_shot(page, rng)
        h = size[1] - 40
        img = cv2.resize(img, (int(img.shape[1] * h / img.shape[0]), h))
        out = desk.copy()
        x = (size[0] - img.shape[1]) // 2
        out[20:20 + h, x:x + img.shape[1]] = img
        return out

    a, b = shot("cover", "GZ0120261125000001"), shot("cover", "GZ0120261125000002")
    path = tmp_path / "camera.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, size)
    frames = [desk] * 5
    frames += [np.roll(a, 300 - 60 * i, axis=1) for i in range(5)]  # the page slides in
    frames += [a] * 12
    frames += [np.roll(a, 80 * i, axis=0) for i in range(1, 4)] + [desk] * 2  # taken away
    frames += [np.roll(b, -200 + 50 * i, axis=1) for i in range(4)] + [b] * 12
    for f in frames:
        writer.write(f)
    writer.release()

    pages = camera.capture_pages(camera.CameraSettings(device=str(path)))
    assert len(pages) == 2
    found = []
    for p in pages:
        clean = pipeline.clean_page(p, 100, camera=True)
        assert clean.steps[0]["corners"] is not None
        found.append({c.text for c in indexing.read_barcodes(clean.image, clean.dpi)})
    assert "GZ0120261125000001" in found[0] and "GZ0120261125000002" in found[1]


def test_missing_camera_is_a_clear_refusal(tmp_path):
    with pytest.raises(InvalidInput) as err:
        camera.capture_pages(camera.CameraSettings(device=str(tmp_path / "none.avi")))
    assert "无法打开文档摄像头" in err.value.message
