/* Drag-and-drop onto the whole page; the form works without this script. */
(function () {
  var form = document.getElementById("upload-form");
  if (!form) return;
  var input = document.getElementById("file-input");
  var zone = document.getElementById("drop-zone");
  var picked = document.getElementById("picked");
  var button = document.getElementById("check-button");

  function showNames() {
    var names = [];
    for (var i = 0; i < input.files.length; i++) names.push(input.files[i].name);
    picked.textContent = names.length ? "已选择 " + names.length + " 个文件：" + names.join("、") : "";
  }
  function hasFiles(ev) {
    var types = ev.dataTransfer && ev.dataTransfer.types;
    if (!types) return false;
    for (var i = 0; i < types.length; i++) if (types[i] === "Files") return true;
    return false;
  }
  function over(ev) {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    zone.className = "drop over";
  }
  function leave() { zone.className = "drop"; }

  input.addEventListener("change", showNames);
  document.addEventListener("dragenter", over);
  document.addEventListener("dragover", over);
  document.addEventListener("dragleave", leave);
  document.addEventListener("drop", function (ev) {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    leave();
    try {
      input.files = ev.dataTransfer.files;
    } catch (e) {
      picked.textContent = "这个浏览器不支持拖入，请点击“选择文件”";
      return;
    }
    showNames();
    form.requestSubmit ? form.requestSubmit() : form.submit();
  });
  window.addEventListener("pageshow", function () {  // back button: the page comes from the cache
    button.disabled = false;
    button.textContent = "开始检查";
  });
  form.addEventListener("submit", function () {
    button.disabled = true;
    button.textContent = "正在检查…";
  });
})();
