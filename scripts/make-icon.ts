// Renders the extension's marketplace icon (media/icon.svg) to the 128 px PNG that `vsce` requires
// (it refuses SVG icons), with Debian's chromium. Run after editing the SVG; the PNG is committed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { errorMessage } from '../src/common/errorMessage.js';

const SIZE = 128;
const MEDIA = join(__dirname, '..', 'media');

async function main(): Promise<void> {
  const svg = await readFile(join(MEDIA, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<body style="margin:0">${svg}</body>`);
    await page.locator('svg').screenshot({ path: join(MEDIA, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(errorMessage(err));
  process.exit(1);
});
