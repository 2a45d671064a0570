import { ref, type Ref } from 'vue';
import type { TadaDocumentNode } from '../graphql.js';
import { gqlQuery } from './api.js';

export interface Paging {
  skip: number;
  take: number;
}

export interface PagedListOptions<Result, Row> {
  /** Rows per page; 20 unless told. */
  pageSize?: number;
  /** Called with each successful answer, after rows and total are set (e.g. for other fields the query asked for). */
  onLoaded?: (data: Result) => void;
  /** Handles a failed load; without it the error propagates to the caller (and Vue's error handler). */
  onError?: (error: unknown, rows: Ref<Row[]>) => void;
}

/**
 * One server-paged list: the page's rows and total from a typed query, the current page, and a busy flag.
 * `variables` builds the query's variables for a page (each query names its own skip/take variables);
 * `pick` finds the `{ items, totalItems }` page in the answer. `load` fetches the current page, `reload`
 * goes back to the first page (after a filter changed).
 */
export function usePagedList<Result, Variables, Row>(
  doc: TadaDocumentNode<Result, Variables>,
  variables: (paging: Paging) => Variables,
  pick: (data: Result) => { items: Row[]; totalItems: number },
  options: PagedListOptions<Result, Row> = {},
) {
  const pageSize = options.pageSize ?? 20;
  const rows = ref([]) as Ref<Row[]>;
  const total = ref(0);
  const page = ref(1);
  const busy = ref(false);

  async function load(): Promise<Result | undefined> {
    busy.value = true;
    try {
      const data = await gqlQuery<Result, Variables>(doc, variables({ skip: (page.value - 1) * pageSize, take: pageSize }));
      const found = pick(data);
      rows.value = found.items;
      total.value = found.totalItems;
      options.onLoaded?.(data);
      return data;
    } catch (error) {
      if (!options.onError) throw error;
      options.onError(error, rows);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  function reload() {
    page.value = 1;
    return load();
  }

  return { rows, total, page, pageSize, busy, load, reload };
}
