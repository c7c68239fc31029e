/** HATEOAS links of a page: self, and first/prev/next where they exist (no `last`: no count is made for it). */
export function pagingLinks(path: string, rawQuery: string, page: { number: number; size: number }, hasNext: boolean) {
  const others = rawQuery
    .split('&')
    .filter((part) => part && !/^page(\[|%5B)number(\]|%5D)=/i.test(part));
  const link = (n: number) => {
    const query = [...others, ...(n > 1 ? [`page%5Bnumber%5D=${n}`] : [])].join('&');
    return query ? `${path}?${query}` : path;
  };
  return {
    self: link(page.number),
    ...(page.number > 1 ? { first: link(1), prev: link(page.number - 1) } : {}),
    ...(hasNext && page.size !== -1 ? { next: link(page.number + 1) } : {}),
  };
}
