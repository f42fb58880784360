import { ref } from 'vue';
import { ApiError, errorMessage } from '../api';

/** A form action's busy flag, its error, and the per-field messages of a 422. */
export function useSubmit() {
  const busy = ref(false);
  const error = ref<string | null>(null);
  const fields = ref<Record<string, string>>({});

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    fields.value = {};
    try {
      return await action();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        const next: Record<string, string> = {};
        for (const f of err.fieldErrors) {
          const key = f.field.split(/[.[]/)[0] || '_';
          next[key] ??= f.message;
        }
        fields.value = next;
        error.value = 'Please correct the highlighted fields.';
      } else {
        error.value = errorMessage(err);
      }
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  const fieldError = (name: string): string | undefined => fields.value[name];

  return { busy, error, fields, run, fieldError };
}
