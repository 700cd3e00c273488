#!/usr/bin/env python3
"""Writes the small .npy files that tests/Myelin.Tests/Data/NpyTests.cs reads.

Run from the repository root with a Python that has NumPy:
    python3 tools/make_npy_fixtures.py
The values are chosen so the tests can state them literally; keep the two in step.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "Myelin.Tests", "Fixtures", "npy")


def save(name, array, version=None):
    path = os.path.join(OUT, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)


def main():
    os.makedirs(OUT, exist_ok=True)
    # Supported dtypes, each with its extreme or awkward values.
    save("f4_2x3.npy", np.array([[-1.5, 0.0, 0.1], [1e-30, 3.4e38, -0.0]], dtype="<f4"))
    save("f8_4.npy", np.array([0.1, -2.5, 1e300, 5e-324], dtype="<f8"))
    save("i4_2x2.npy", np.array([[-2**31, -1], [0, 2**31 - 1]], dtype="<i4"))
    save("i8_4.npy", np.array([-2**63, -1, 0, 2**63 - 1], dtype="<i8"))
    save("u1_2x2x2.npy", np.array([0, 1, 127, 128, 200, 254, 255, 7], dtype="|u1").reshape(2, 2, 2))
    save("b1_5.npy", np.array([True, False, True, True, False]))
    save("f2_3.npy", np.array([0.5, -2.0, 65504.0], dtype="<f2"))
    save("i1_3.npy", np.array([-128, 0, 127], dtype="|i1"))
    save("i2_2.npy", np.array([-32768, 32767], dtype="<i2"))
    save("u2_2.npy", np.array([0, 65535], dtype="<u2"))
    save("u4_2.npy", np.array([0, 2**32 - 1], dtype="<u4"))
    # Shapes at the edges: a scalar and an empty array.
    save("scalar_f8.npy", np.array(3.5, dtype="<f8"))
    save("empty_0x3_f4.npy", np.zeros((0, 3), dtype="<f4"))
    # Format versions 2.0 and 3.0 (4-byte header length; 3.0 has a UTF-8 header).
    save("v2_i4_5.npy", np.arange(5, dtype="<i4"), version=(2, 0))
    save("v3_f4_3.npy", np.array([1.0, 2.0, 3.0], dtype="<f4"), version=(3, 0))
    # Files the reader must refuse.
    save("fortran_f4_2x3.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
    save("bigendian_f4_3.npy", np.array([1.0, 2.0, 3.0], dtype=">f4"))
    save("complex_c8_1.npy", np.array([1 + 2j], dtype="<c8"))


if __name__ == "__main__":
    main()
