import { defineStore } from 'pinia';
import { ref } from 'vue';
import { accountApi, type Account } from '../api/account';

/** The caller's address and its verification: the command API's account state, not the profile. */
export const useAccountStore = defineStore('account', () => {
  const account = ref<Account | null>(null);

  async function load() {
    account.value = await accountApi.get();
  }

  async function resendVerification() {
    await accountApi.resendVerification();
  }

  async function changeEmail(email: string, password: string) {
    const res = await accountApi.changeEmail(email, password);
    if (account.value) account.value = { ...account.value, pendingEmail: res.pendingEmail };
    return res.pendingEmail;
  }

  function clear() {
    account.value = null;
  }

  return { account, load, resendVerification, changeEmail, clear };
});
