#!/usr/bin/env python3
"""The questionnaire in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by Selenium, against a running `venue-audit serve`.

Walks (each a test; a failure is printed and the run goes on):
  seed-en  the seed case on a phone-sized window: a mall's paper register on an unattended
           open table, ID numbers collected, records older than the 28 days the venue states;
           the report says Non-compliant and has the open-table finding; adding and removing a
           collection point keeps the answers
  seed-zh  the same in Chinese
  unknown  storage answered "I don't know": the open-table rule is under insufficient
           evidence, never passed
  download the report page's buttons give the YAML description and the XML report
Every report page is checked for console errors. Screenshots go to --shots
(service-<walk>-<step>.png), to be looked at.

Usage: questionnaire.py --base http://127.0.0.1:PORT --shots reports/screenshots
"""
import argparse
import os
import sys
import tempfile
import time
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

SEED = {
    "venue.id": "CN-SC-CD-JJ-000417",
    "venue.name": "Chunxi Road Mall, north entrance",
    "venue.jurisdiction": "CN-SC",
    "venue.district": "Jinjiang",
    "assessment.date": "2020-12-10",
    "collection_points.0.id": "north-gate-book",
}
SEED_SELECT = {
    "venue.type": "shopping_mall",
    "collection_points.0.method": "paper_register",
}
SEED_CHECK = {
    "collection_points.0.purpose": ["epidemic_contact_tracing"],
    "collection_points.0.fields": ["name", "id_number", "phone", "address", "visit_time"],
}
STORAGE_SELECT = {
    "collection_points.0.storage.medium": "paper",
    "collection_points.0.storage.location": "open_table",
    "collection_points.0.storage.attended": "never",
}
STORAGE_RADIO = {
    "collection_points.0.storage.visible_to_other_visitors": "true",
    "collection_points.0.storage.locked_when_unattended": "false",
}
RETENTION = {
    "collection_points.0.retention.policy_days": "28",
    "collection_points.0.retention.oldest_record_date": "2020-09-30",
}


class Browser:
    def __init__(self, base, shots, width, height):
        self.base = base
        self.shots = shots
        options = webdriver.ChromeOptions()
        options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
            options.add_argument(flag)
        options.add_argument(f"--window-size={width},{height}")
        self.profile = tempfile.mkdtemp(prefix="va-chrome-")
        options.add_argument(f"--user-data-dir={self.profile}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
        self.d = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        self.d.implicitly_wait(5)
        self.width = width

    def quit(self):
        self.d.quit()

    def open(self, path):
        self.d.get(self.base + path)

    def name(self, name):
        return self.d.find_element(By.NAME, name)

    def type(self, name, value):
        field = self.name(name)
        field.clear()
        field.send_keys(value)

    def select(self, name, value):
        Select(self.name(name)).select_by_value(value)

    def tick(self, name, value):
        box = self.d.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]')
        if not box.is_selected():
            self.scroll_click(box)

    def scroll_click(self, element):
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def button(self, value, navigates=True):
        """Presses a submit button; when it loads a new page (all but the downloads), waits until
        the old page is gone so that nothing is looked for on it."""
        for attempt in range(3):
            try:
                page = self.d.find_element(By.TAG_NAME, "html")
                self.scroll_click(self.d.find_element(By.CSS_SELECTOR, f'button[name="action"][value="{value}"]:not(.default-submit)'))
                break
            except WebDriverException:
                # A download can leave the page briefly between documents; look again.
                if attempt == 2:
                    raise
                time.sleep(0.5)
        if navigates:
            WebDriverWait(self.d, 30).until(expected_conditions.staleness_of(page))

    def shot(self, name):
        """A full-page screenshot: the window made as tall as the page, then put back."""
        height = self.d.execute_script("return document.documentElement.scrollHeight")
        size = self.d.get_window_size()
        self.d.set_window_size(self.width, min(max(height, 600), 16000))
        path = os.path.join(self.shots, f"service-{name}.png")
        self.d.save_screenshot(path)
        self.d.set_window_size(size["width"], size["height"])
        return path

    def console_errors(self):
        return [e for e in self.d.get_log("browser") if e.get("level") == "SEVERE"]

    def text(self):
        return self.d.find_element(By.TAG_NAME, "body").text


def fill(b, storage=True):
    for name, value in SEED.items():
        b.type(name, value)
    for name, value in SEED_SELECT.items():
        b.select(name, value)
    for name, values in SEED_CHECK.items():
        for value in values:
            b.tick(name, value)
    if storage:
        for name, value in STORAGE_SELECT.items():
            b.select(name, value)
        for name, value in STORAGE_RADIO.items():
            b.tick(name, value)
    for name, value in RETENTION.items():
        b.type(name, value)
    b.tick("incidents!none", "1")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def no_console_errors(b, where):
    errors = b.console_errors()
    check(not errors, f"console errors on {where}: {errors}")


def seed(b, lang, verdict, open_table):
    b.open(f"/assess?lang={lang}")
    check(b.d.find_elements(By.CSS_SELECTOR, 'form[action="/assess"] input[name="csrf"]'), "the form has no CSRF field")
    fill(b)
    # Add a second collection point, then remove it: the answers must survive both trips.
    b.button("add:collection_points")
    check(b.name("collection_points.1.id").get_attribute("value") != "", "the added collection point has no id")
    check(b.name("venue.id").get_attribute("value") == SEED["venue.id"], "adding lost the venue id")
    check(
        Select(b.name("collection_points.0.storage.location")).first_selected_option.get_attribute("value") == "open_table",
        "adding lost the storage location",
    )
    b.button("remove:collection_points.1")
    b.d.implicitly_wait(0)
    check(not b.d.find_elements(By.NAME, "collection_points.1.id"), "the collection point was not removed")
    b.d.implicitly_wait(5)
    check(b.name("collection_points.0.retention.policy_days").get_attribute("value") == "28", "removing lost an answer")
    b.shot(f"{lang}-questionnaire")
    b.button("audit")
    check("/assess" in b.d.current_url, "the form did not post to /assess")
    banner = b.d.find_element(By.CSS_SELECTOR, ".banner").text
    check(verdict in banner, f"verdict {verdict!r} not in banner {banner!r}")
    check(open_table in b.text(), f"the open-table finding ({open_table!r}) is not on the report")
    check(b.d.find_elements(By.ID, "PRACTICE-STORAGE-LOCATION-north-gate-book"), "no open-table finding for the register")
    check("510104" not in b.d.page_source, "an ID number is on the page")
    b.shot(f"{lang}-report")
    no_console_errors(b, f"the {lang} report")


def unknown(b):
    b.open("/assess?lang=en")
    fill(b, storage=False)
    b.button("audit")
    finding = b.d.find_element(By.ID, "PRACTICE-STORAGE-LOCATION-north-gate-book")
    heading = finding.find_element(By.XPATH, "preceding::h2[1]")
    check("state-unknown" in heading.get_attribute("class"), f"the open-table rule is under {heading.text!r}, not insufficient evidence")
    check(heading.text.startswith("Insufficient evidence"), f"heading is {heading.text!r}")
    b.d.implicitly_wait(0)
    passed = b.d.find_elements(By.CSS_SELECTOR, '[data-state="pass"][id^="PRACTICE-STORAGE-LOCATION"]')
    check(not passed, "the open-table rule passed with storage unknown")
    b.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", finding)
    b.shot("en-unknown-storage-report")
    no_console_errors(b, "the unknown-storage report")


def download(b, downloads):
    """The report page's buttons post the answers again; the browser saves what comes back."""
    b.d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    b.open("/assess?lang=en")
    fill(b)
    b.button("audit")
    for value, name in (("yaml", "venue-description.yaml"), ("xml", "venue-audit-report.xml")):
        b.button(value, navigates=False)
        deadline = time.time() + 20
        while time.time() < deadline and name not in os.listdir(downloads):
            time.sleep(0.2)
        check(name in os.listdir(downloads), f"no {name} among the downloads: {sorted(os.listdir(downloads))}")
    yaml = open(os.path.join(downloads, "venue-description.yaml"), encoding="utf-8").read()
    check('location: "open_table"' in yaml and "oldest_record_date: 2020-09-30" in yaml, "the YAML lacks the answers")
    xml = open(os.path.join(downloads, "venue-audit-report.xml"), encoding="utf-8").read()
    check("<report " in xml and "non_compliant" in xml, "the XML report is not the audit's")
    b.button("edit")
    check(b.name("venue.id").get_attribute("value") == SEED["venue.id"], "back to the answers lost them")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", default="reports/screenshots")
    args = parser.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    downloads = tempfile.mkdtemp(prefix="va-downloads-")
    walks = [
        ("seed-en (phone)", (412, 900), lambda b: seed(b, "en", "Non-compliant", "Register kept on an open table")),
        ("seed-zh (phone)", (412, 900), lambda b: seed(b, "zh", "不合规", "登记簿放在开放的桌面上")),
        ("unknown storage", (1280, 900), unknown),
        ("downloads", (1280, 900), lambda b: download(b, downloads)),
    ]
    failed = 0
    for name, (width, height), walk in walks:
        b = Browser(args.base, args.shots, width, height)
        try:
            walk(b)
            print(f"ok   {name}")
        except Exception as error:  # noqa: BLE001 - every failure is reported, the next walk runs
            failed += 1
            print(f"FAIL {name}: {error}")
            traceback.print_exc(limit=3)
            try:
                print("     screenshot:", b.shot(f"failed-{name.split()[0]}"))
            except Exception:  # noqa: BLE001
                pass
        finally:
            b.quit()
    print(f"browser: {len(walks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
