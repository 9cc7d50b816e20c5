#!/usr/bin/env python3
"""Seed files for fuzz_checkpoint: small zips shaped like LibTorch archives (entries stored
under one folder, data.pkl, constants.pkl and version present), with and without the ZIP64 end records that
LibTorch writes, plus a few damaged ones.

usage: make_zips.py OUT_DIR MARKER_FILE
"""
import io
import pathlib
import struct
import sys
import zipfile


def torch_like(entries):
    """Tensors stored, code deflated, as LibTorch writes them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            method = zipfile.ZIP_DEFLATED if "/code/" in name else zipfile.ZIP_STORED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def with_zip64_end(data):
    """Inserts a ZIP64 end record and locator before the classic end record."""
    end = data.rfind(b"PK\x05\x06")
    (_, _, _, count, _, cd_size, cd_offset, _) = struct.unpack("<IHHHHIIH", data[end:end + 22])
    record = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, cd_size,
                         cd_offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, end, 1)
    classic = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                          0xFFFFFFFF, 0)
    return data[:end] + record + locator + classic


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    entries = [("archive/data.pkl", b"\x80\x02}q\x00."), ("archive/data/0", b"\x00" * 64),
               ("archive/constants.pkl", b"\x80\x02)."),
               ("archive/code/__torch__.py", b"class Module:\n  pass\n" * 8),
               ("archive/version", b"3\n")]
    good = torch_like(entries)
    seeds = {
        "good.zip": good,
        "good64.zip": with_zip64_end(good),
        "noversion.zip": torch_like(entries[:3]),
        "twofolders.zip": torch_like(entries + [("other/x", b"x")]),
        "cut.zip": with_zip64_end(good)[:-30],
    }
    for name, data in seeds.items():
        (out / name).write_bytes(data)
    pathlib.Path(sys.argv[2]).write_text("done\n")


if __name__ == "__main__":
    main()
