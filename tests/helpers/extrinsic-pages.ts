/**
 * Page objects for the blocks, extrinsics and events lists and the extrinsic page: what a test
 * reads off them (rows by id, cursors followed through the pager's links, the decoded argument
 * fields, the error) through semantic roles and test ids, never CSS classes.
 */
import type { Browser, Locator, Page } from "playwright-core";

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Resolves once `page` has moved to another URL than the one it is on now. */
function leaving(page: Page): Promise<void> {
  const from = page.url();
  return page.waitForURL((u) => u.toString() !== from);
}

/** Resolves once no loading skeleton is left on `page` (list pages stream in after it). */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("main h1") !== null && document.querySelector('[data-testid="loading"]') === null);
}

abstract class ListPage {
  constructor(
    readonly page: Page,
    readonly base: string,
  ) {}
  abstract readonly rowTestId: string;

  /** Resolves once the page has moved to another URL and its streamed content replaced the loading skeleton. */
  protected async navigation(): Promise<void> {
    await leaving(this.page);
    await ready(this.page);
  }

  rows(): Locator {
    return this.page.getByTestId(this.rowTestId);
  }

  /** The ids (data-id) of the rows shown. */
  async ids(): Promise<string[]> {
    return this.rows().evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? e.getAttribute("data-number") ?? ""));
  }

  /** The list's error message (a bad filter or cursor), or null. */
  async problem(): Promise<string | null> {
    const e = this.page.getByTestId("list-error");
    return (await e.count()) ? e.textContent() : null;
  }

  async empty(): Promise<string | null> {
    const e = this.page.locator("main p.border-dashed");
    return (await e.count()) ? e.textContent() : null;
  }

  /** Follow "older →" (or "← newer") until it is disabled, collecting every row's id, newest first. */
  async walk(direction: "older" | "newer"): Promise<string[]> {
    const all = await this.ids();
    for (;;) {
      const link = this.page.getByTestId(`pager-${direction}`);
      if ((await link.count()) === 0) return all;
      await Promise.all([this.navigation(), link.click()]);
      const ids = await this.ids();
      if (direction === "older") all.push(...ids);
      else all.unshift(...ids);
    }
  }
  walkOlder = () => this.walk("older");
  walkNewer = () => this.walk("newer");

  /** No horizontal page scroll (tables scroll inside their own box). */
  async pageWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth);
  }
}

export class BlocksPage extends ListPage {
  readonly rowTestId = "block-row";
  static async open(browser: Browser, base: string, query = "", viewport = DESKTOP): Promise<BlocksPage> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/blocks${query}`);
    await ready(page);
    return new BlocksPage(page, base);
  }
  /** Per row: number, extrinsic count, event count, hash title, time title. */
  async table(): Promise<{ number: string; extrinsics: number; events: number; hash: string; time: string }[]> {
    return this.rows().evaluateAll((els) =>
      els.map((e) => {
        const cells = e.querySelectorAll("td");
        return { number: e.getAttribute("data-number")!, extrinsics: Number(cells[2]!.textContent), events: Number(cells[3]!.textContent), hash: cells[4]!.getAttribute("title")!, time: cells[1]!.querySelector("time")!.getAttribute("title")! };
      }),
    );
  }
  async jump(value: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Block number" }).fill(value);
    await Promise.all([this.navigation(), this.page.getByRole("button", { name: "Go" }).click()]);
  }
}

export class ExtrinsicsPage extends ListPage {
  readonly rowTestId = "extrinsic-item";
  static async open(browser: Browser, base: string, query = "", viewport = DESKTOP): Promise<ExtrinsicsPage> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/extrinsics${query}`);
    await ready(page);
    return new ExtrinsicsPage(page, base);
  }
  /** The call select's options (without "any"). */
  async callOptions(): Promise<string[]> {
    return this.page.getByRole("combobox", { name: "Call" }).locator("option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
  }
  /** Fill the filter form (only the fields given) and apply it. */
  async filter(f: { call?: string; signer?: string; result?: "success" | "failure"; from?: string; to?: string }): Promise<void> {
    if (f.call !== undefined) await this.page.getByRole("combobox", { name: "Call" }).selectOption(f.call);
    if (f.signer !== undefined) await this.page.getByRole("textbox", { name: "Signer (SS58 or 0x)" }).fill(f.signer);
    if (f.result !== undefined) await this.page.getByRole("combobox", { name: "Result" }).selectOption(f.result);
    if (f.from !== undefined) await this.page.getByRole("textbox", { name: "From block" }).fill(f.from);
    if (f.to !== undefined) await this.page.getByRole("textbox", { name: "To block" }).fill(f.to);
    await Promise.all([this.navigation(), this.page.getByRole("button", { name: "Apply" }).click()]);
  }
  /** Per row: id, call, signer SS58, fee rao, result text. */
  async table(): Promise<{ id: string; call: string; signer: string; fee: string; result: string }[]> {
    return this.rows().evaluateAll((els) =>
      els.map((e) => {
        const cells = e.querySelectorAll("td");
        return { id: e.getAttribute("data-id")!, call: cells[2]!.textContent!, signer: cells[3]!.querySelector("[data-address]")!.getAttribute("data-address")!, fee: cells[4]!.querySelector("[data-rao]")!.getAttribute("data-rao")!, result: cells[5]!.textContent! };
      }),
    );
  }
}

export class EventsPage extends ListPage {
  readonly rowTestId = "event-item";
  static async open(browser: Browser, base: string, query = "", viewport = DESKTOP): Promise<EventsPage> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${base}/events${query}`);
    await ready(page);
    return new EventsPage(page, base);
  }
  async filter(f: { pallet?: string; name?: string; account?: string; from?: string; to?: string }): Promise<void> {
    if (f.pallet !== undefined) await this.page.getByRole("combobox", { name: "Pallet" }).selectOption(f.pallet);
    if (f.name !== undefined) await this.page.getByRole("combobox", { name: "Event", exact: true }).selectOption(f.name);
    if (f.account !== undefined) await this.page.getByRole("textbox", { name: "Account (SS58 or 0x)" }).fill(f.account);
    if (f.from !== undefined) await this.page.getByRole("textbox", { name: "From block" }).fill(f.from);
    if (f.to !== undefined) await this.page.getByRole("textbox", { name: "To block" }).fill(f.to);
    await Promise.all([this.navigation(), this.page.getByRole("button", { name: "Apply" }).click()]);
  }
  /** The links inside one event's data: hrefs of accounts and subnets. */
  async dataLinks(id: string): Promise<string[]> {
    return this.page.locator(`[data-testid="event-item"][data-id="${id}"] [data-testid="event-data"] a`).evaluateAll((els) => els.map((e) => e.getAttribute("href")!));
  }
}

export class ExtrinsicPage {
  constructor(readonly page: Page) {}
  static async open(browser: Browser, base: string, id: string, viewport = DESKTOP): Promise<{ view: ExtrinsicPage; status: number | null }> {
    const page = await browser.newPage({ viewport });
    const r = await page.goto(`${base}/extrinsics/${id}`);
    return { view: new ExtrinsicPage(page), status: r?.status() ?? null };
  }
  text = async (testId: string) => (await this.page.getByTestId(testId).textContent())?.trim() ?? null;
  async title() {
    return this.text("extrinsic-title");
  }
  /** The signer's shown address and its link. */
  async signer(): Promise<{ address: string; href: string }> {
    const a = this.page.getByTestId("ext-signer").getByRole("link");
    return { address: (await a.textContent())!, href: (await a.getAttribute("href"))! };
  }
  async feeRao(): Promise<string> {
    return (await this.page.getByTestId("ext-fee").locator("[data-rao]").getAttribute("data-rao"))!;
  }
  /** The decoded arguments: per field, what it shows (address, amount with unit, link, text). */
  async args(): Promise<Record<string, { text: string; address?: string; rao?: string; unit?: string; href?: string }>> {
    return this.page
      .getByTestId("ext-args")
      .locator("[data-field]")
      .evaluateAll((els) =>
        Object.fromEntries(
          els.map((el) => {
            const dd = el.querySelector("dd")!;
            const addr = dd.querySelector("[data-address]");
            const amount = dd.querySelector("[data-rao]");
            const link = dd.querySelector("a");
            return [
              el.getAttribute("data-field")!,
              { text: dd.textContent!.trim(), ...(addr ? { address: addr.getAttribute("data-address")! } : {}), ...(amount ? { rao: amount.getAttribute("data-rao")!, unit: amount.getAttribute("data-unit") ?? "" } : {}), ...(link ? { href: link.getAttribute("href")! } : {}) },
            ];
          }),
        ),
      );
  }
  /** The events table's rows: id and name. */
  async events(): Promise<{ id: string; name: string }[]> {
    return this.page.getByTestId("event-item").evaluateAll((els) => els.map((e) => ({ id: e.getAttribute("data-id")!, name: e.getAttribute("data-name")! })));
  }
}
