"""The document camera, with a video file as the camera: each page laid down is captured once,
when the picture is still, and comes out straightened with its barcodes readable."""

from __future__ import annotations

import pytest

from desk_app.core.errors import InvalidInput
from desk_app.core.scanning import camera, indexing, pipeline
from tests.scanning import helpers


def test_video_file_as_camera_captures_each_still_page_once(tmp_path):
    path = helpers.camera_video(tmp_path / "camera.avi", ["GZ0120261125000001", "GZ0120261125000002"])

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
