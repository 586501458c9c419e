/** A minimal promise wrapper over one IndexedDB object store (keyPath `id`). */

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** One object store of one database, opened lazily. */
export class IdbStore<T extends { id: string }> {
  private db?: Promise<IDBDatabase>;

  constructor(
    private readonly dbName: string,
    private readonly storeName: string,
    private readonly version = 1,
  ) {}

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        if (typeof indexedDB === 'undefined') return reject(new Error('this browser offers no IndexedDB'));
        const r = indexedDB.open(this.dbName, this.version);
        r.onupgradeneeded = () => {
          if (!r.result.objectStoreNames.contains(this.storeName)) r.result.createObjectStore(this.storeName, { keyPath: 'id' });
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error(`IndexedDB '${this.dbName}' could not be opened`));
        r.onblocked = () => reject(new Error(`IndexedDB '${this.dbName}' is blocked by another tab`));
      });
      this.db.catch(() => (this.db = undefined));
    }
    return this.db;
  }

  private async tx(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(this.storeName, mode).objectStore(this.storeName);
  }

  async put(value: T): Promise<void> {
    await request((await this.tx('readwrite')).put(value));
  }

  async all(): Promise<T[]> {
    return request((await this.tx('readonly')).getAll() as IDBRequest<T[]>);
  }

  async delete(id: string): Promise<void> {
    await request((await this.tx('readwrite')).delete(id));
  }
}
