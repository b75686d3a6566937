import { describe, expect, it } from "vitest";
import { ALWAYS_OPEN, calendarById, XNYS, xnysEarlyCloses, xnysHolidays } from "../src/index.js";

const at = (iso: string) => Date.parse(iso);

describe("XNYS: NYSE regular sessions", () => {
  it("lists the 2024 holidays", () => {
    expect(xnysHolidays(2024)).toEqual([
      { date: "2024-01-01", name: "New Year's Day" },
      { date: "2024-01-15", name: "Martin Luther King Jr. Day" },
      { date: "2024-02-19", name: "Washington's Birthday" },
      { date: "2024-03-29", name: "Good Friday" },
      { date: "2024-05-27", name: "Memorial Day" },
      { date: "2024-06-19", name: "Juneteenth" },
      { date: "2024-07-04", name: "Independence Day" },
      { date: "2024-09-02", name: "Labor Day" },
      { date: "2024-11-28", name: "Thanksgiving Day" },
      { date: "2024-12-25", name: "Christmas Day" },
    ]);
    expect(xnysEarlyCloses(2024).map((e) => `${e.date} ${e.close}`)).toEqual([
      "2024-07-03 13:00",
      "2024-11-29 13:00",
      "2024-12-24 13:00",
    ]);
  });

  it("closes at 13:00 New York (17:00Z) on 2024-07-03", () => {
    expect(XNYS.sessionOn("2024-07-03")).toEqual({
      date: "2024-07-03",
      open: at("2024-07-03T13:30:00Z"),
      close: at("2024-07-03T17:00:00Z"),
      earlyClose: true,
    });
    expect(XNYS.isOpen(at("2024-07-03T16:59:59Z"))).toBe(true);
    expect(XNYS.isOpen(at("2024-07-03T17:00:00Z"))).toBe(false);
  });

  it("follows New York's DST switches", () => {
    expect(XNYS.sessionOn("2024-03-08")!.open).toBe(at("2024-03-08T14:30:00Z"));
    expect(XNYS.sessionOn("2024-03-11")!.open).toBe(at("2024-03-11T13:30:00Z"));
    expect(XNYS.sessionOn("2024-11-01")!.close).toBe(at("2024-11-01T20:00:00Z"));
    expect(XNYS.sessionOn("2024-11-04")!.close).toBe(at("2024-11-04T21:00:00Z"));
  });

  it("applies NYSE's Saturday and Sunday observance rules", () => {
    // New Year's Day on a Saturday is not observed: 2021-12-31 trades.
    expect(XNYS.isTradingDay("2021-12-31")).toBe(true);
    expect(xnysHolidays(2022).some((h) => h.name === "New Year's Day")).toBe(false);
    // On a Sunday it moves to Monday.
    expect(XNYS.isTradingDay("2023-01-02")).toBe(false);
    // Juneteenth 2022 fell on a Sunday (first year observed); Independence Day 2026 on a Saturday.
    expect(XNYS.isTradingDay("2022-06-20")).toBe(false);
    expect(XNYS.isTradingDay("2026-07-03")).toBe(false);
    expect(XNYS.isTradingDay("2021-06-18")).toBe(true);
    // Christmas 2021 on a Saturday: closed Friday the 24th, so no early close that year.
    expect(XNYS.isTradingDay("2021-12-24")).toBe(false);
    expect(xnysEarlyCloses(2021).map((e) => e.date)).toEqual(["2021-11-26"]);
  });

  it("starts MLK Day in 1998 and moves the July 4th early close from Friday the 5th to Wednesday the 3rd in 2013", () => {
    expect(XNYS.isTradingDay("1997-01-20")).toBe(true);
    expect(XNYS.isTradingDay("1998-01-19")).toBe(false);
    expect(xnysEarlyCloses(2002).map((e) => e.date)).toContain("2002-07-05");
    expect(xnysEarlyCloses(2002).map((e) => e.date)).not.toContain("2002-07-03");
    expect(xnysEarlyCloses(2013).map((e) => e.date)).toContain("2013-07-03");
    expect(xnysEarlyCloses(2019).map((e) => e.date)).toContain("2019-07-03");
  });

  it.each([
    "2001-09-11",
    "2001-09-12",
    "2001-09-13",
    "2001-09-14",
    "2004-06-11",
    "2007-01-02",
    "2012-10-29",
    "2012-10-30",
    "2018-12-05",
    "2025-01-09",
  ])("is closed on the unscheduled closure %s", (date) => {
    expect(XNYS.sessionOn(date)).toBeNull();
  });

  it("finds the session around a time, the next and the previous one", () => {
    const friday = at("2024-03-28T20:30:00Z"); // Thursday 16:30 New York, after the close; Good Friday next
    expect(XNYS.sessionFor(friday)).toBeNull();
    expect(XNYS.nextSession(friday).date).toBe("2024-04-01");
    expect(XNYS.previousSession(friday).date).toBe("2024-03-28");
    expect(XNYS.sessionOpen(friday)).toBe(at("2024-04-01T13:30:00Z"));
    expect(XNYS.sessionClose(at("2024-04-01T15:00:00Z"))).toBe(at("2024-04-01T20:00:00Z"));
    expect(
      XNYS.sessionsBetween(at("2024-03-27T00:00:00Z"), at("2024-04-03T00:00:00Z")).map((s) => s.date),
    ).toEqual(["2024-03-27", "2024-03-28", "2024-04-01", "2024-04-02"]);
    expect(XNYS.dateOf(at("2024-04-02T02:00:00Z"))).toBe("2024-04-01");
  });

  it("refuses years before its rules", () => {
    expect(() => xnysHolidays(1989)).toThrow("XNYS: holiday rules cover 1990 onwards, got 1989");
  });
});

describe("24/7: one session per UTC day", () => {
  it("is always open and rolls over at midnight UTC", () => {
    expect(ALWAYS_OPEN.isOpen(at("2024-12-25T12:00:00Z"))).toBe(true);
    expect(ALWAYS_OPEN.sessionFor(at("2024-03-10T07:00:00Z"))).toEqual({
      date: "2024-03-10",
      open: at("2024-03-10T00:00:00Z"),
      close: at("2024-03-11T00:00:00Z"),
      earlyClose: false,
    });
    expect(ALWAYS_OPEN.nextSession(at("2024-03-10T07:00:00Z")).date).toBe("2024-03-11");
  });

  it("is found by id, as is XNYS", () => {
    expect(calendarById("24/7")).toBe(ALWAYS_OPEN);
    expect(calendarById("XNYS")).toBe(XNYS);
    expect(() => calendarById("XLON")).toThrow('unknown trading calendar "XLON" (known: XNYS, 24/7)');
  });
});
