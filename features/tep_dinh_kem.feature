# language: vi
Tính năng: Tệp đính kèm
  Là văn thư Ủy ban nhân dân xã,
  tôi lưu bản quét văn bản đã ký và các tệp đính kèm cùng văn bản trong sổ, mỗi tệp với tên,
  dung lượng và mã SHA-256, để lấy lại đúng tệp đó khi cần; tệp đã đính kèm chỉ được thêm,
  không bị thay hay xóa, và việc đính kèm được ghi vào lịch sử.

  Bối cảnh:
    Cho sổ đăng ký văn bản của "Ủy ban nhân dân xã Phú Thái"
    Và văn thư đã vào sổ kế hoạch "Tổ chức Ngày Chuyển đổi số" đã ký ngày 29/9/2025

  Kịch bản: Đính kèm bản quét đã ký rồi lấy lại đúng tệp đó
    Khi văn thư đính kèm tệp PDF "Bản ký.pdf" nặng 3000 byte vào "Tổ chức Ngày Chuyển đổi số"
    Thì "Tổ chức Ngày Chuyển đổi số" có tệp đính kèm "Bản ký.pdf" nặng 3000 byte do văn thư đính kèm
    Và lấy tệp "Bản ký.pdf" của "Tổ chức Ngày Chuyển đổi số" ra được đúng nội dung đã đính kèm
    Và lịch sử của "Tổ chức Ngày Chuyển đổi số" ghi việc đính kèm "Bản ký.pdf" với mã SHA-256 của tệp

  Kịch bản: Chuyên viên không đính kèm tệp vào văn bản đã ban hành
    Khi chuyên viên đính kèm tệp PDF "Bản ký.pdf" nặng 3000 byte vào "Tổ chức Ngày Chuyển đổi số"
    Thì thao tác bị từ chối vì không có quyền, mã lỗi 1
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Tệp đã đính kèm không bị thay bằng một tệp cùng tên
    Cho văn thư đã đính kèm tệp PDF "Bản ký.pdf" nặng 3000 byte vào "Tổ chức Ngày Chuyển đổi số"
    Khi văn thư đính kèm tệp PDF "Bản ký.pdf" nặng 5000 byte vào "Tổ chức Ngày Chuyển đổi số"
    Thì thao tác bị từ chối vì vi phạm quy tắc, mã lỗi 1
    Và thông báo lỗi có "đã có tệp «Bản ký.pdf»"
    Và dữ liệu trong sổ không thay đổi

  Kịch bản: Tệp có tên chứa đường dẫn bị từ chối
    Khi văn thư đính kèm tệp PDF "../../etc/passwd.pdf" nặng 100 byte vào "Tổ chức Ngày Chuyển đổi số"
    Thì thao tác bị từ chối vì dữ liệu nhập sai, mã lỗi 2
    Và dữ liệu trong sổ không thay đổi
