// What a learner typed, kept in the browser until the server has saved it: if the connection drops or the app
// restarts before the save, the reloaded page puts the text back. Keys are per learner, lab and cell.
export class DraftStore {
  #key;

  constructor(key) {
    this.#key = key ? `imlab:draft:${key}` : null;
  }

  /** The draft's text when it differs from what the server has (`serverText`); otherwise null (and it is dropped). */
  unsaved(serverText) {
    const draft = this.#read();
    if (draft === null) return null;
    if (draft === serverText) {
      this.#remove();
      return null;
    }
    return draft;
  }

  keep(text) {
    if (this.#key === null) return;
    try {
      localStorage.setItem(this.#key, text);
    } catch {
      // storage full or disabled: the server save still happens, only the safety net is missing
    }
  }

  saved(text) {
    if (this.#read() === text) this.#remove();
  }

  #read() {
    if (this.#key === null) return null;
    try {
      return localStorage.getItem(this.#key);
    } catch {
      return null;
    }
  }

  #remove() {
    try {
      localStorage.removeItem(this.#key);
    } catch {
      // nothing to do
    }
  }
}
