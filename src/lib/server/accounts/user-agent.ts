/**
 * A short "browser · system" label for a session list, so people can recognise
 * their devices without reading a 200-character User-Agent string. Product names
 * are proper nouns, the same in every language.
 */
const browsers: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
	[/Safari\//, 'Safari'],
	[/curl\//, 'curl']
];
const systems: [RegExp, string][] = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];

export function deviceLabel(userAgent: string | null): string | null {
	if (!userAgent) return null;
	const browser = browsers.find(([re]) => re.test(userAgent))?.[1];
	const system = systems.find(([re]) => re.test(userAgent))?.[1];
	const label = [browser, system].filter(Boolean).join(' · ');
	return label || null;
}
