/**
 * Page objects for the subnet list, a subnet's page and the home page's overview: each reads
 * what the page shows (text, links and the data-* attributes the cells carry) through
 * semantic test ids, so tests compare it with values they compute themselves.
 */
import type { Browser, Page } from "playwright-core";

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

async function open(browser: Browser, url: string, viewport = DESKTOP): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  return page;
}

export interface SubnetListRow {
  netuid: number;
  share: number;
  emissionRao: string;
  price: string;
  /** Null where the subnet has no pool (seed2024). */
  tao: string | null;
  alpha: string | null;
  burn: string;
  uids: string;
  tempo: string;
  ownerHref: string | null;
  ageBlocks: string;
  sparklinePoints: number;
}

export class SubnetListPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, base: string, query = "", viewport = DESKTOP): Promise<SubnetListPage> {
    return new SubnetListPage(await open(browser, `${base}/subnets${query}`, viewport));
  }

  async rows(): Promise<SubnetListRow[]> {
    return this.page.getByTestId("subnet-row").evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = (id: string) => tr.querySelector(`[data-testid=${id}]`) as HTMLElement;
        const rao = (id: string) => cell(id).querySelector("[data-rao]")?.getAttribute("data-rao") ?? null;
        return {
          netuid: Number(tr.getAttribute("data-netuid")),
          share: Number(cell("cell-emission").getAttribute("data-share")),
          emissionRao: cell("cell-emission").getAttribute("data-rao")!,
          price: cell("cell-price").textContent!.trim(),
          tao: rao("cell-tao"),
          alpha: rao("cell-alpha"),
          burn: rao("cell-burn")!,
          uids: cell("cell-uids").textContent!.trim(),
          tempo: cell("cell-tempo").textContent!.trim(),
          ownerHref: cell("cell-owner").querySelector("a")?.getAttribute("href") ?? null,
          ageBlocks: cell("cell-age").getAttribute("data-blocks")!,
          sparklinePoints: Number(tr.querySelector("[data-testid=sparkline]")?.getAttribute("data-points") ?? 0),
        };
      }),
    );
  }

  /** Click a column's sort link and wait for the URL it names. */
  async sortBy(key: string): Promise<string> {
    const link = this.page.getByTestId(`sort-${key}`);
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await this.page.waitForURL((u) => `${u.pathname}${u.search}` === href);
    await this.page.getByTestId("subnets").waitFor();
    return href;
  }
}

export class SubnetPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, base: string, netuid: number, query = "", viewport = DESKTOP): Promise<SubnetPage> {
    const p = new SubnetPage(await open(browser, `${base}/subnets/${netuid}${query}`, viewport));
    await p.page.getByTestId("metagraph").waitFor();
    return p;
  }

  /** The hyperparameter table as name → stored value. */
  async hyperparams(): Promise<Record<string, string>> {
    const rows = await this.page.getByTestId("hyperparam-row").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-name")!, tr.getAttribute("data-value")!] as const));
    return Object.fromEntries(rows);
  }

  async registrations(): Promise<{ block: string; uid: number; hotkey: string; replaced: string | null; hotkeyHref: string | null }[]> {
    return this.page.getByTestId("registration-row").evaluateAll((trs) =>
      trs.map((tr) => ({
        block: tr.getAttribute("data-block")!,
        uid: Number(tr.getAttribute("data-uid")),
        hotkey: tr.getAttribute("data-hotkey")!,
        replaced: tr.getAttribute("data-replaced") || null,
        hotkeyHref: tr.querySelectorAll("td")[2]!.querySelector("a")?.getAttribute("href") ?? null,
      })),
    );
  }

  async olderRegistrations(): Promise<void> {
    const link = this.page.getByTestId("regs-older");
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await this.page.waitForURL((u) => `${u.pathname}${u.search}` === href);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId("metagraph-search").fill(text);
  }

  async role(value: "all" | "validators" | "miners" | "active" | "inactive"): Promise<void> {
    await this.page.getByTestId("metagraph-role").selectOption(value);
  }

  async visibleUids(): Promise<number[]> {
    return this.page.getByTestId("neuron-row").evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-uid"))));
  }

  async exportHref(format: "csv" | "json"): Promise<string> {
    return (await this.page.getByTestId(`export-${format}`).getAttribute("href"))!;
  }
}

export class HomeOverview {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, base: string, viewport = DESKTOP): Promise<HomeOverview> {
    const p = new HomeOverview(await open(browser, `${base}/`, viewport));
    await p.page.getByTestId("next-halving").waitFor();
    return p;
  }

  async halving(): Promise<{ left: string; block: string; date: string; dateFull: string | null; blocks: string }> {
    const text = async (id: string) => (await this.page.getByTestId(id).textContent())!.trim();
    return { left: await text("halving-left"), block: await text("halving-block"), date: await text("halving-date"), dateFull: await this.page.getByTestId("halving-date").getAttribute("title"), blocks: (await this.page.getByTestId("halving-blocks").getAttribute("data-blocks"))! };
  }

  async topSubnets(): Promise<{ netuid: number; rao: string; share: string }[]> {
    return this.page.getByTestId("top-subnets").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => ({ netuid: Number(tr.getAttribute("data-netuid")), rao: tr.getAttribute("data-rao")!, share: tr.querySelectorAll("td")[1]!.textContent!.trim() })));
  }

  async topValidators(): Promise<{ hotkey: string; rao: string; href: string | null }[]> {
    return this.page.getByTestId("top-validators").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => ({ hotkey: tr.getAttribute("data-hotkey")!, rao: tr.getAttribute("data-rao")!, href: tr.querySelector("a")?.getAttribute("href") ?? null })));
  }

  async latestExtrinsics(): Promise<{ id: string; href: string | null; call: string }[]> {
    return this.page.getByTestId("latest-extrinsics").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute("data-id")!, href: tr.querySelector("a")?.getAttribute("href") ?? null, call: tr.querySelectorAll("td")[1]!.textContent!.trim() })));
  }
}

/** The page's width beyond the viewport (0 when nothing scrolls sideways). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
