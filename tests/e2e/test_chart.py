"""`vka chart`: every chart kind in every format on the demo workspace, a
situation with coordinates, the estimate chart, and bad input.

Run as a script, it writes a synthetic situation as NDJSON for the
benchmark in docs/charts.md:
    python3 tests/e2e/test_chart.py ACTS OUT.ndjson
"""
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

from vkatest import SOURCE_DIR, VkaTestCase, run

KINDS = ["timeline", "places", "calendar", "victims", "map"]
FORMATS = ["svg", "pdf", "png"]
CHART_WIDTH = 960
PNG_SCALE = 2
ESTIMATE_DATA = os.path.join(SOURCE_DIR, "tests", "data", "estimate")
ACT_TYPES = ["killing", "torture", "beating", "looting", "arson", "abduction", "threat",
             "humiliation", "injury", "expulsion", "forced_eviction"]


def rid(prefix, n):
    """A valid record id: the prefix and a 26-character ULID of digits."""
    return f"{prefix}_01J{n:023d}"


def write_situation(path, acts, seed=1, places=40):
    """SYNTHETIC data: one situation, one event, a city with coordinates and
    `places` streets in it (every fourth without coordinates of its own),
    persons, and `acts` acts in 1992 (every 50th approximate, every 77th
    undated, every 5th naming no person). Returns the number of records."""
    rng = random.Random(seed)
    persons = max(10, acts // 3)
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        def emit(record):
            nonlocal count
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        emit({"kind": "situation", "id": rid("sit", 1), "name": "SYNTHETIC chart test situation"})
        emit({"kind": "event", "id": rid("evt", 1), "title": "SYNTHETIC event",
              "situation": rid("sit", 1)})
        emit({"kind": "place", "id": rid("plc", 0), "coordinates": {"lat": 39.815, "lon": 46.752},
              "names": [{"value": "Fictional City", "language": "en"},
                        {"value": "Հորինված քաղաք", "language": "hy"},
                        {"value": "Вымышленный город", "language": "ru"}]})
        for i in range(1, places + 1):
            place = {"kind": "place", "id": rid("plc", i), "parent": rid("plc", 0),
                     "names": [{"value": f"Street {i}", "language": "en"},
                               {"value": f"Փողոց {i}", "language": "hy"},
                               {"value": f"Улица {i}", "language": "ru"}]}
            if i % 4 != 0:
                place["coordinates"] = {"lat": 39.815 + rng.uniform(-0.03, 0.03),
                                        "lon": 46.752 + rng.uniform(-0.04, 0.04)}
            emit(place)
        for i in range(1, persons + 1):
            emit({"kind": "person", "id": rid("per", i), "names": [{"value": f"Person {i}"}],
                  "sex": rng.choice(["female", "male", "male", "female", "unknown"]),
                  "birth": f"{rng.randint(1925, 2008)}-{rng.randint(1, 12):02d}-"
                           f"{rng.randint(1, 28):02d}"})
        for i in range(1, acts + 1):
            act = {"kind": "act", "id": rid("act", i), "event": rid("evt", 1),
                   "type": ACT_TYPES[min(int(rng.expovariate(0.35)), len(ACT_TYPES) - 1)],
                   "place": rid("plc", 1 + min(int(rng.expovariate(0.08)), places - 1))}
            month = rng.randint(1, 12)
            if i % 50 == 0:
                act["date"] = f"1992-{month:02d}~"
            elif i % 77 != 0:
                act["date"] = f"1992-{month:02d}-{rng.randint(1, 28):02d}"
            if i % 5 == 0:
                act["victim_count"] = rng.randint(1, 4)
            else:
                act["victim"] = rid("per", rng.randint(1, persons))
            emit(act)
    return count


def pdf_text(path):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                         text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


class ChartFiles:
    """Checks on written chart files, shared by the test classes."""

    def check_file(self, path, fmt):
        with open(path, "rb") as f:
            data = f.read()
        if fmt == "svg":
            root = ET.fromstring(data)
            self.assertTrue(root.tag.endswith("svg"), root.tag)
            self.assertEqual(root.get("width"), f"{CHART_WIDTH}px")
        elif fmt == "pdf":
            self.assertTrue(data.startswith(b"%PDF-"), data[:8])
        else:
            self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
            width, height = struct.unpack(">II", data[16:24])
            self.assertEqual(width, CHART_WIDTH * PNG_SCALE)
            self.assertGreater(height, 100)
        return data

    def no_temporary_files(self, folder):
        left = [n for n in os.listdir(folder) if "tmp" in n]
        self.assertEqual(left, [], f"temporary files left in {folder}")


class ChartDemo(unittest.TestCase, ChartFiles):
    """Every kind and format on `vka demo` (made once for the class)."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="vka-e2e-chart-")
        cls.ws = os.path.join(cls._tmp.name, "demo")
        r = run("demo", cls.ws)
        assert r.returncode == 0, r.stderr
        sit = run("--workspace", cls.ws, "list", "situation").stdout.split()
        cls.situation = sit[0]
        cls.out = os.path.join(cls._tmp.name, "charts")
        os.mkdir(cls.out)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def vka(self, *args):
        return run("--workspace", self.ws, *args)

    def chart(self, *args):
        r = self.vka("chart", *args)
        self.assertEqual(r.returncode, 0, f"vka chart {' '.join(args)}:\n{r.stderr}")
        return r.stdout

    def fails(self, code, *args):
        r = self.vka("chart", *args)
        self.assertEqual(r.returncode, code, f"vka chart {' '.join(args)}: {r.stdout}{r.stderr}")
        return r.stderr

    def test_every_kind_in_every_format(self):
        for kind in KINDS:
            for fmt in FORMATS:
                with self.subTest(kind=kind, fmt=fmt):
                    path = os.path.join(self.out, f"{kind}.{fmt}")
                    out = self.chart(kind, "--situation", self.situation, "-o", path)
                    self.assertIn(f"wrote {path} ({kind} chart, {fmt}, ", out)
                    self.check_file(path, fmt)
        self.no_temporary_files(self.out)

    def test_the_only_situation_is_the_default(self):
        path = os.path.join(self.out, "default.pdf")
        self.chart("timeline", "-o", path)
        text = pdf_text(path)
        self.assertIn("Documented acts per day, by type", text)
        self.assertIn("SYNTHETIC DEMO", text)
        self.assertIn("lower bounds, not totals", text)

    def test_labels_in_armenian_and_russian(self):
        path = os.path.join(self.out, "timeline-hy.pdf")
        self.chart("timeline", "--lang", "hy", "-o", path)
        text = pdf_text(path)
        self.assertIn("Փաստագրված արարքներն ըստ օրերի և տեսակների", text)
        self.assertIn("Բնակարանից բռնի վտարում", text)  # act_type forced_eviction
        path = os.path.join(self.out, "places-ru.pdf")
        self.chart("places", "--lang", "ru", "-o", path)
        text = pdf_text(path)
        self.assertIn("Задокументированные деяния по местам и видам", text)
        self.assertIn("Липовая улица", text)  # a place's Russian name

    def test_victims_agree_with_vka_stats(self):
        stats = json.loads(self.vka("stats", "--situation", self.situation, "--format",
                                    "json").stdout)
        by_sex = {row["key"]: row["victims"] for row in stats["by"]["sex"]}
        path = os.path.join(self.out, "victims-check.pdf")
        self.chart("victims", "-o", path)
        text = pdf_text(path)
        self.assertIn(f"Female ({by_sex['female']:,})", text)
        self.assertIn(f"Male ({by_sex['male']:,})", text)
        no_person = [r for r in stats["by"]["sex"] if r["key"] == "no_identified_person"][0]
        self.assertIn(f"Not shown: acts that name no identified person ({no_person['acts']:,}; "
                      f"unidentified victims: {no_person['unidentified_victims']:,}).", text)

    def test_the_demo_has_no_coordinates_and_the_map_says_so(self):
        path = os.path.join(self.out, "map-check.pdf")
        self.chart("map", "-o", path)
        text = pdf_text(path)
        self.assertIn("No place of these acts has coordinates: nothing to map.", text)

    def test_unknown_kind_is_invalid(self):
        err = self.fails(2, "pie", "-o", os.path.join(self.out, "pie.svg"))
        self.assertIn("unknown chart \"pie\"", err)

    def test_unknown_extension_is_invalid_and_writes_nothing(self):
        path = os.path.join(self.out, "chart.jpg")
        err = self.fails(2, "timeline", "-o", path)
        self.assertIn(".svg, .pdf or .png", err)
        self.assertFalse(os.path.exists(path))

    def test_unknown_language_is_invalid(self):
        self.fails(2, "timeline", "--lang", "fr", "-o", os.path.join(self.out, "fr.svg"))

    def test_unwritable_path_is_an_io_error_naming_it(self):
        path = os.path.join(self.out, "no-such-folder", "chart.svg")
        err = self.fails(6, "timeline", "-o", path)
        self.assertIn(path, err)

    def test_an_existing_file_is_replaced_whole(self):
        path = os.path.join(self.out, "replaced.svg")
        with open(path, "w") as f:
            f.write("old")
        self.chart("calendar", "-o", path)
        self.check_file(path, "svg")
        self.no_temporary_files(self.out)

    def test_unknown_situation_is_not_found(self):
        err = self.fails(3, "timeline", "--situation", rid("sit", 999), "-o",
                         os.path.join(self.out, "x.svg"))
        self.assertIn("no situation", err)
        self.fails(3, "places", "--situation", rid("per", 1), "-o", os.path.join(self.out, "x.svg"))

    def test_estimate_names_the_situation_when_asked(self):
        table = os.path.join(ESTIMATE_DATA, "four_lists.csv")
        path = os.path.join(self.out, "estimate-named.pdf")
        self.chart("estimate", "--situation", self.situation, "--table", table, "--method",
                   "loglinear", "-o", path)
        text = pdf_text(path)
        self.assertIn("SYNTHETIC DEMO", text)
        self.assertIn("four_lists.csv", text)
        self.fails(3, "estimate", "--situation", rid("sit", 999), "--table", table, "-o", path)

    def test_estimate_options_belong_to_the_estimate_chart(self):
        self.fails(2, "estimate", "-o", os.path.join(self.out, "e.svg"))  # no --table
        self.fails(2, "timeline", "--table", os.path.join(ESTIMATE_DATA, "two_lists.csv"),
                   "-o", os.path.join(self.out, "t.svg"))


class ChartWithCoordinates(VkaTestCase, ChartFiles):
    """A situation imported from NDJSON, with coordinates and odd dates."""

    ACTS = 300

    def setUp(self):
        super().setUp()
        ndjson = self.path("situation.ndjson")
        write_situation(ndjson, self.ACTS)
        self.ok("import", ndjson)

    def test_map_places_every_act_at_its_street_or_the_city(self):
        path = self.path("map.pdf")
        self.ok("chart", "map", "-o", path)
        text = pdf_text(path)
        self.assertIn(f"Acts at places with coordinates: {self.ACTS} of {self.ACTS}.", text)
        self.assertIn("Hollow circles", text)  # streets without coordinates use the city's
        self.assertIn("Fictional City", text)
        self.assertIn("Latitude", text)
        path = self.path("map-hy.svg")
        self.ok("chart", "map", "--lang", "hy", "-o", path)
        self.check_file(path, "svg")

    def test_dates_left_out_are_counted(self):
        approximate = self.ACTS // 50
        undated = len([i for i in range(1, self.ACTS + 1) if i % 77 == 0 and i % 50 != 0])
        for kind in ["timeline", "calendar"]:
            path = self.path(f"{kind}.pdf")
            self.ok("chart", kind, "-o", path)
            self.assertIn(f"Not shown: acts with an approximate or ranged date ({approximate}) "
                          f"and undated acts ({undated}).", pdf_text(path))

    def test_several_situations_need_one_named(self):
        self.ok("add", "situation", "--json", json.dumps({"name": "Another (synthetic)"}))
        err = self.fails(2, "chart", "timeline", "-o", self.path("t.svg"))
        self.assertIn("--situation", err)
        self.ok("chart", "timeline", "--situation", rid("sit", 1), "-o", self.path("t.svg"))


class EstimateChart(unittest.TestCase, ChartFiles):
    """The estimate chart needs no workspace: a table is enough."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="vka-e2e-chart-")
        self.addCleanup(self._tmp.cleanup)

    def path(self, name):
        return os.path.join(self._tmp.name, name)

    def test_documented_and_estimated_with_intervals(self):
        table = os.path.join(ESTIMATE_DATA, "four_lists.csv")
        estimate = json.loads(run("estimate", "--table", table, "--method", "loglinear",
                                  "--format", "json").stdout)["methods"]["loglinear"]
        for fmt in FORMATS:
            path = self.path(f"estimate.{fmt}")
            r = run("chart", "estimate", "--table", table, "--method", "loglinear", "-o", path)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.check_file(path, fmt)
        text = pdf_text(self.path("estimate.pdf"))
        self.assertIn(f"{estimate['observed']:,}", text)
        self.assertIn(f"{round(estimate['estimate']):,} [{round(estimate['lower']):,}–"
                      f"{round(estimate['upper']):,}]", text)
        self.assertIn("Lists: ngo_a, ngo_b, press, church", text)
        self.assertIn("different models can give different answers", text)

    def test_strata_in_russian(self):
        path = self.path("strata.pdf")
        r = run("chart", "estimate", "--table", os.path.join(ESTIMATE_DATA, "four_lists_by_period.csv"),
                "--strata", "period", "--method", "loglinear", "--lang", "ru", "-o", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = pdf_text(path)
        self.assertIn("Страта 1988", text)
        self.assertIn("Страта 1990", text)
        self.assertIn("Лог-линейная модель", text)

    def test_bad_table_is_invalid(self):
        bad = self.path("bad.csv")
        with open(bad, "w") as f:
            f.write("a,b,count\n0,0,5\n")
        r = run("chart", "estimate", "--table", bad, "-o", self.path("e.svg"))
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertFalse(os.path.exists(self.path("e.svg")))
        r = run("chart", "estimate", "--table", self.path("missing.csv"), "-o", self.path("e.svg"))
        self.assertEqual(r.returncode, 6, r.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1].isdigit():
        print(write_situation(sys.argv[2], int(sys.argv[1])), "records written to", sys.argv[2])
    else:
        unittest.main()
